package io.tongxin.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.tongxin.channel.ChannelType;
import io.tongxin.channel.ChannelTypeConverter;
import io.tongxin.channel.MessageKind;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One accepted webhook message: the raw decrypted payload, its normalised fields and its processing
 * state. Rows are inserted by {@link InboxAccept#accept} with native SQL (ON CONFLICT DO NOTHING) so
 * the dedupe constraint decides races; this mapping reads and updates them.
 */
@Entity
@Table(name = "inbox_message")
public class InboxMessage extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "channel_key")
    public String channelKey;

    @Convert(converter = ChannelTypeConverter.class)
    @Column(name = "channel_type")
    public ChannelType channelType;

    @Column(name = "dedupe_key")
    public String dedupeKey;

    @Convert(converter = KindConverter.class)
    public MessageKind kind;

    public String event;

    @Column(name = "event_key")
    public String eventKey;

    @Column(name = "chat_id")
    public String chatId;

    @Column(name = "sender_id")
    public String senderId;

    @Column(name = "sender_name")
    public String senderName;

    @Column(name = "account_id")
    public String accountId;

    public String text;

    /** Mentioned ids, one per line. */
    public String mentions;

    @Column(name = "mentions_bot")
    public boolean mentionsBot;

    @Column(name = "platform_message_id")
    public String platformMessageId;

    @Column(name = "platform_time")
    public Instant platformTime;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "response_url")
    public String responseUrl;

    public String raw;

    /** False when the platform did not authenticate the body (OA plaintext mode): see {@code InboundDraft}. */
    @Column(name = "sender_verified")
    public boolean senderVerified = true;

    /** The message's media references as JSON ({@code MediaRef.toJson}), null without any. */
    public String media;

    @Convert(converter = StatusConverter.class)
    public InboxStatus status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "claim_token")
    public String claimToken;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(name = "last_error")
    public String lastError;

    public String reply;

    /**
     * How the reply reached the sender: {@code inline}, {@code outbox} or {@code unaddressed}; null without
     * one. {@code inline-pending} while a reply committed for the webhook's answer is not confirmed yet.
     */
    @Column(name = "reply_delivery")
    public String replyDelivery;

    @Column(name = "processed_at")
    public Instant processedAt;

    List<String> mentionList() {
        return mentions == null || mentions.isEmpty() ? List.of() : Arrays.asList(mentions.split("\n"));
    }

    @Converter
    public static class StatusConverter implements AttributeConverter<InboxStatus, String> {
        @Override
        public String convertToDatabaseColumn(InboxStatus s) {
            return s == null ? null : s.wire();
        }

        @Override
        public InboxStatus convertToEntityAttribute(String v) {
            return v == null ? null : InboxStatus.fromWire(v);
        }
    }

    @Converter
    public static class KindConverter implements AttributeConverter<MessageKind, String> {
        @Override
        public String convertToDatabaseColumn(MessageKind k) {
            return k == null ? null : k.wire();
        }

        @Override
        public MessageKind convertToEntityAttribute(String v) {
            return v == null ? null : MessageKind.fromWire(v);
        }
    }

    /** Cuts a platform value to its column's size (platforms send more than they document). */
    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
