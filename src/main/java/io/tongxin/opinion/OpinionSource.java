package io.tongxin.opinion;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A resident post an opinion came from. Merging moves sources to the surviving opinion. */
@Entity
@Table(name = "opinion_source")
public class OpinionSource extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "opinion_source_id")
    @SequenceGenerator(name = "opinion_source_id", sequenceName = "opinion_source_id_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "opinion_id")
    public Opinion opinion;

    /** The opinion number this post was first filed under. */
    @Column(name = "origin_number", nullable = false, length = 16)
    public String originNumber;

    @Column(name = "channel_key", length = 64)
    public String channelKey;

    @Column(name = "chat_id", length = 128)
    public String chatId;

    @Column(name = "user_id", length = 128)
    public String userId;

    @Column(name = "inbox_message_id")
    public Long inboxMessageId;

    @Column(nullable = false, length = 4000)
    public String text;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
