package io.tongxin.media;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One photo, voice message or location from a resident's message, with its bytes (in the database, so
 * every instance serves it and a backup holds it) or the reason it was refused. Lists never load
 * {@link #content}: they select the other columns ({@link MediaLibrary}).
 */
@Entity
@Table(name = "media_item")
public class MediaItem extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "channel_key")
    public String channelKey;

    @Column(name = "channel_type")
    public String channelType;

    @Column(name = "inbox_id")
    public long inboxId;

    @Column(name = "item_index")
    public int itemIndex;

    @Column(name = "chat_id")
    public String chatId;

    @Column(name = "sender_id")
    public String senderId;

    /** image, voice or location. */
    public String kind;

    /** stored or refused. */
    public String status;

    public String refusal;

    /** The sniffed type (never the declared one); null for a location or a transcript-only voice message. */
    public String mime;

    @Column(name = "size_bytes")
    public long sizeBytes;

    public String sha256;

    public byte[] content;

    public String recognition;

    public Double latitude;

    public Double longitude;

    @Column(name = "map_scale")
    public Integer mapScale;

    public String label;

    @Column(name = "file_name")
    public String fileName;

    /** When the message carrying it reached the inbox: the attach window is measured from here. */
    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "stored_at")
    public Instant storedAt;

    @Column(name = "opinion_id")
    public Long opinionId;

    @Column(name = "attached_at")
    public Instant attachedAt;
}
