package io.tongxin.directory;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.hibernate.annotations.BatchSize;

/** 政协委员: a committee member of one sector, serving communities and reachable on chat channels. */
@Entity
@Table(name = "member")
class Member extends CodedEntity {

    @Column(nullable = false, length = 100)
    String name;

    /** {@code city} or {@code county}. */
    @Column(nullable = false, length = 8)
    String level;

    @Column(name = "sector_code", nullable = false, length = 64)
    String sectorCode;

    @Column(name = "workstation_code", length = 64)
    String workstationCode;

    /** How many open assignments the member takes before routing passes them by. */
    @Column(nullable = false)
    int capacity;

    /** On leave up to and including this day; routing skips the member until then. */
    @Column(name = "on_leave_until")
    LocalDate onLeaveUntil;

    @ElementCollection
    @BatchSize(size = 100) // a list of members loads its collections in one query each, not one per member
    @CollectionTable(name = "member_community", joinColumns = @JoinColumn(name = "member_id"))
    @Column(name = "community_code", nullable = false, length = 64)
    Set<String> communityCodes = new HashSet<>();

    @ElementCollection
    @BatchSize(size = 100)
    @CollectionTable(name = "member_identity", joinColumns = @JoinColumn(name = "member_id"))
    Set<Identity> identities = new HashSet<>();

    /** A member's user id on one channel. */
    @Embeddable
    static class Identity {

        @Column(name = "channel_key", nullable = false, length = 64)
        String channelKey;

        @Column(name = "user_id", nullable = false, length = 128)
        String userId;

        Identity() {}

        Identity(String channelKey, String userId) {
            this.channelKey = channelKey;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i
                    && Objects.equals(channelKey, i.channelKey)
                    && Objects.equals(userId, i.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(channelKey, userId);
        }
    }
}
