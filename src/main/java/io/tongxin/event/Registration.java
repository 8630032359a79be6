package io.tongxin.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One participant's registration for an event (a child for a class, a resident for a meeting): an
 * 8-character code unique per event, a status, and the chat identity that signed up (null for an
 * API registration) so reminders and waitlist promotions reach them.
 */
@Entity
@Table(name = "event_registration")
public class Registration extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public long eventId;

    @Column(nullable = false, length = 8)
    public String code;

    @Column(name = "participant_name", nullable = false, length = 100)
    public String participantName;

    @Column(name = "community_code", length = 64)
    public String communityCode;

    @Column(name = "resident_code", length = 64)
    public String residentCode;

    /** The chat identity that signed up: channel and user id; null for an API registration. */
    @Column(name = "channel_key", length = 64)
    public String channelKey;

    @Column(name = "user_id", length = 128)
    public String userId;

    /** The group the sign-up came from; null for a direct chat or the API. */
    @Column(name = "chat_id", length = 128)
    public String chatId;

    public Integer age;

    @Column(length = 500)
    public String note;

    @Convert(converter = RegistrationStatus.DbConverter.class)
    @Column(nullable = false, length = 16)
    public RegistrationStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "promoted_at")
    public Instant promotedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;
}
