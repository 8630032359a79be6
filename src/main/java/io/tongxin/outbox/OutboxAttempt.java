package io.tongxin.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One platform request made for an outbox message (read-only mapping; the dispatcher inserts rows). */
@Entity
@Table(name = "outbox_attempt")
public class OutboxAttempt extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "message_id")
    public long messageId;

    public int attempt;

    public int part;

    public String sender;

    public String outcome;

    @Column(name = "error_code")
    public String errorCode;

    public String detail;

    @Column(name = "instance_id")
    public String instanceId;

    public Instant at;

    @Column(name = "duration_ms")
    public long durationMs;
}
