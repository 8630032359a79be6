package io.tongxin.channel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * One connected endpoint on a chat platform. Secrets ({@code token}, {@code encodingAesKey},
 * {@code appSecret}, {@code secret}) are needed in clear to sign and decrypt, so they are stored, but
 * they are write-only through the API and never logged ({@link #toString()} leaves them out).
 */
@Entity
@Table(name = "channel")
public class Channel extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "channel_key", nullable = false, unique = true, length = 64)
    public String key;

    @Convert(converter = ChannelTypeConverter.class)
    @Column(nullable = false, length = 16)
    public ChannelType type;

    @Column(nullable = false, length = 200)
    public String name;

    /** Signature token (WeChat/WeCom callback token). Secret. */
    @Column(length = 128)
    public String token;

    /** 43-character EncodingAESKey. Secret. */
    @Column(name = "encoding_aes_key", length = 43)
    public String encodingAesKey;

    @Column(name = "app_id", length = 64)
    public String appId;

    /** Official Account AppSecret. Secret. */
    @Column(name = "app_secret", length = 128)
    public String appSecret;

    @Column(name = "corp_id", length = 64)
    public String corpId;

    @Column(name = "agent_id")
    public Long agentId;

    /** WeCom app secret, or the bridge's shared HMAC secret. Secret. */
    @Column(length = 256)
    public String secret;

    @Column(name = "receive_id", length = 64)
    public String receiveId;

    @Column(name = "send_url", length = 1000)
    public String sendUrl;

    @Column(name = "api_base_url", length = 1000)
    public String apiBaseUrl;

    /** When true, outbound messages on this channel go to the log sender instead of the platform. */
    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    /** The language the bot answers in on this channel: {@code zh-CN} (default) or {@code en}. */
    @Column(nullable = false, length = 16)
    public String language = "zh-CN";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public static Optional<Channel> findByKey(String key) {
        return find("key", key).firstResultOptional();
    }

    /** The API host to call: the configured one or the platform's real host. */
    public String effectiveApiBaseUrl() {
        return apiBaseUrl != null && !apiBaseUrl.isBlank() ? apiBaseUrl : type.defaultApiBaseUrl();
    }

    /** The channel without its secrets, as other features see it. */
    ChannelInfo info() {
        return new ChannelInfo(
                key, type, name, appId, corpId, agentId, receiveId, sendUrl, effectiveApiBaseUrl(), dryRun, language);
    }

    /** The values the webhook adapters and the senders need, copied out of the entity. */
    ChannelSecrets secrets() {
        return new ChannelSecrets(info(), token, encodingAesKey, appSecret, secret);
    }

    @Override
    public String toString() {
        return "Channel[" + key + ", " + type.wire() + "]";
    }
}
