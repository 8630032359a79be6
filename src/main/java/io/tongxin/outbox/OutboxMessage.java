package io.tongxin.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An outbox row as the admin API reads it. Rows are written by {@link Outbox} and the dispatcher
 * with plain SQL (batch inserts, claims); this mapping is for reading and for the admin retry.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "channel_key")
    public String channelKey;

    @Column(name = "target_kind")
    public String targetKind;

    @Column(name = "target_id")
    public String targetId;

    @Column(name = "fallback_robot_key")
    public String fallbackRobotKey;

    @Column(name = "target_expires_at")
    public Instant targetExpiresAt;

    public String format;

    public String body;

    @Column(name = "mention_user_ids")
    public String mentionUserIds;

    @Column(name = "mention_mobiles")
    public String mentionMobiles;

    @Column(name = "origin_type")
    public String originType;

    @Column(name = "origin_id")
    public String originId;

    public int priority;

    @Column(name = "image_media_id")
    public Long imageMediaId;

    public String status;

    @Column(name = "not_before")
    public Instant notBefore;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    public int attempts;

    public int failures;

    @Column(name = "parts_total")
    public Integer partsTotal;

    @Column(name = "parts_sent")
    public int partsSent;

    @Column(name = "last_error_code")
    public String lastErrorCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "platform_response")
    public String platformResponse;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** Puts a dead message back in the queue, due now, with a fresh failure budget. */
    void retry(Instant now) {
        if (!"dead".equals(status)) {
            throw io.tongxin.shared.ProblemException.conflict(
                    "outbox message " + id + " is " + status + "; only dead messages can be retried");
        }
        status = "pending";
        failures = 0;
        nextAttemptAt = now;
        claimedBy = null;
        claimedUntil = null;
        updatedAt = now;
    }
}
