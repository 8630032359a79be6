package io.tongxin.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A member invited to a meeting (or addressed by an announcement) and their answer. */
@Entity
@Table(name = "event_invitee")
public class EventInvitee extends PanacheEntityBase {

    /** The event and the member's code. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "event_id")
        public long eventId;

        @Column(name = "member_code", length = 64)
        public String memberCode;

        public Key() {}

        public Key(long eventId, String memberCode) {
            this.eventId = eventId;
            this.memberCode = memberCode;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.eventId == eventId && Objects.equals(k.memberCode, memberCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(eventId, memberCode);
        }
    }

    @EmbeddedId
    public Key id;

    @Convert(converter = Rsvp.DbConverter.class)
    @Column(nullable = false, length = 16)
    public Rsvp rsvp = Rsvp.PENDING;

    @Column(length = 1000)
    public String reason;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "nudged_at")
    public Instant nudgedAt;
}
