package io.tongxin.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change: who made it, how (API, chat, system), what it was, and the subject before and after. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "audit_entry_id")
    @SequenceGenerator(name = "audit_entry_id", sequenceName = "audit_entry_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false, length = 8)
    public String via;

    @Column(name = "actor_kind", nullable = false, length = 16)
    public String actorKind;

    @Column(name = "actor_id", length = 200)
    public String actorId;

    @Column(name = "actor_name", length = 200)
    public String actorName;

    @Column(nullable = false, length = 64)
    public String action;

    @Column(name = "subject_type", nullable = false, length = 32)
    public String subjectType;

    @Column(name = "subject_code", length = 200)
    public String subjectCode;

    @Column(name = "before_state", length = 20000)
    public String before;

    @Column(name = "after_state", length = 20000)
    public String after;

    @Column(name = "channel_key", length = 64)
    public String channelKey;

    @Column(name = "chat_id", length = 128)
    public String chatId;
}
