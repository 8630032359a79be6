package io.tongxin.outbox;

import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.ChannelService;
import io.tongxin.channel.ChannelType;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;

/**
 * The way every feature says something to someone: {@link #enqueue(OutboundMessage)} writes an
 * outbox row in the caller's transaction (so a rolled-back change sends nothing), and the
 * dispatcher delivers it later, once, within the platform's limits.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT_INTO = """
            insert into outbox_message (idempotency_key, channel_key, target_kind, target_id, fallback_robot_key,
                target_expires_at, format, body, mention_user_ids, mention_mobiles, origin_type, origin_id, priority,
                status, not_before, next_attempt_at, created_at, updated_at, image_media_id)
            values """;

    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)";

    private static final int COLUMNS = 18;

    private static final String INSERT = INSERT_INTO + ROW + " on conflict do nothing";

    /** Rows per multi-row insert of a broadcast (18 parameters each, well under the 32767 limit). */
    private static final int BULK_CHUNK = 500;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ChannelService channels;

    /**
     * Stores one message for delivery, joining the caller's transaction (or starting one). Enqueuing
     * an idempotency key that is already stored changes nothing and answers the existing row's id.
     *
     * @throws ProblemException 400 when the channel does not exist or cannot reach that kind of target
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Enqueued enqueue(OutboundMessage message) {
        checkTargets(List.of(message));
        Instant now = clock.instant();
        return session().doReturningWork(c -> {
            // one statement for a new row; a key already stored costs a second one to read its id
            try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
                bind(ps, 0, message, now);
                if (ps.executeUpdate() == 1) {
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        if (keys.next()) {
                            return new Enqueued(keys.getLong(1), true);
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select id from outbox_message where idempotency_key = ?")) {
                ps.setString(1, message.idempotencyKey());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Enqueued(rs.getLong(1), false);
                }
            }
        });
    }

    /**
     * Stores many messages at once (a broadcast) in the caller's transaction with batched inserts.
     * Keys already stored are skipped.
     *
     * @return how many rows were newly stored
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public int enqueueAll(List<OutboundMessage> messages) {
        if (messages.isEmpty()) {
            return 0;
        }
        checkTargets(messages);
        Instant now = clock.instant();
        return session().doReturningWork(c -> {
            // Multi-row inserts: one statement (and one round trip) per chunk of rows.
            int inserted = 0;
            for (int from = 0; from < messages.size(); from += BULK_CHUNK) {
                List<OutboundMessage> chunk = messages.subList(from, Math.min(messages.size(), from + BULK_CHUNK));
                String sql = INSERT_INTO + String.join(", ", java.util.Collections.nCopies(chunk.size(), ROW))
                        + " on conflict do nothing";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        bind(ps, i * COLUMNS, chunk.get(i), now);
                    }
                    inserted += ps.executeUpdate();
                }
            }
            return inserted;
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    private void checkTargets(List<OutboundMessage> messages) {
        Map<String, ChannelType> types = new HashMap<>();
        for (OutboundMessage m : messages) {
            ChannelType type = types.computeIfAbsent(m.channelKey(), this::channelType);
            if (type == null) {
                throw ProblemException.invalidField("channelKey", "channel '" + m.channelKey() + "' does not exist");
            }
            if (!reachable(type).contains(m.target().kind())) {
                throw ProblemException.invalidField(
                        "target",
                        "a " + type.wire() + " channel cannot send to a '"
                                + m.target().kind() + "' target (it can reach: " + String.join(", ", reachable(type))
                                + ")");
            }
        }
    }

    /**
     * Where to post in a group chat on a channel of this type: the chat itself where the channel can
     * reach chats, else the group's robot webhook; empty when neither works (no robot webhook, or one
     * stored without its key).
     */
    public static Optional<Target> groupTarget(ChannelType type, String chatId, String robotWebhookUrl) {
        if (reachable(type).contains("chat")) {
            return Optional.of(Target.chat(chatId));
        }
        return reachable(type).contains("robot") ? robot(robotWebhookUrl) : Optional.empty();
    }

    /** A group robot by its webhook URL; empty for none or for a URL without its key (never sendable). */
    public static Optional<Target> robot(String webhookUrl) {
        if (webhookUrl == null || webhookUrl.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Target.robot(webhookUrl));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Which kinds of target ({@code user}, {@code chat}, {@code robot}, {@code reply}) each channel
     * type can deliver to: callers choose a target a channel can reach instead of being refused.
     */
    public static Set<String> reachable(ChannelType type) {
        return switch (type) {
            case WECOM_APP -> Set.of("user", "chat", "robot");
            case WECOM_BOT -> Set.of("reply", "robot");
            case WECHAT_MP -> Set.of("user");
            case BRIDGE -> Set.of("user", "chat");
        };
    }

    private ChannelType channelType(String key) {
        // reference data: the channel service's per-instance cache, read without a flush (issue 16 profile)
        return channels.find(key).map(ChannelInfo::type).orElse(null);
    }

    private static void bind(PreparedStatement ps, int base, OutboundMessage m, Instant now) throws SQLException {
        Target t = m.target();
        String targetId;
        String fallback = null;
        Instant expires = null;
        if (t instanceof Target.User u) {
            targetId = u.userId();
        } else if (t instanceof Target.Chat ch) {
            targetId = ch.chatId();
        } else if (t instanceof Target.Robot r) {
            targetId = r.key();
        } else {
            Target.Reply r = (Target.Reply) t;
            targetId = r.responseUrl();
            fallback = r.fallbackRobotKey();
            expires = r.validUntil();
        }
        Instant notBefore = m.notBefore() == null ? now : m.notBefore();
        ps.setString(base + 1, m.idempotencyKey());
        ps.setString(base + 2, m.channelKey());
        ps.setString(base + 3, t.kind());
        ps.setString(base + 4, targetId);
        ps.setString(base + 5, fallback);
        setInstant(ps, base + 6, expires);
        ps.setString(base + 7, m.content().format().wire());
        ps.setString(base + 8, m.content().text());
        ps.setString(base + 9, join(m.content().mentionUserIds()));
        ps.setString(base + 10, join(m.content().mentionMobiles()));
        ps.setString(base + 11, m.origin().type());
        ps.setString(base + 12, m.origin().id());
        ps.setInt(base + 13, m.priority());
        setInstant(ps, base + 14, notBefore);
        setInstant(ps, base + 15, notBefore);
        setInstant(ps, base + 16, now);
        setInstant(ps, base + 17, now);
        if (m.content().imageMediaId() == null) {
            ps.setNull(base + 18, Types.BIGINT);
        } else {
            ps.setLong(base + 18, m.content().imageMediaId());
        }
    }

    static String join(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, value.atOffset(java.time.ZoneOffset.UTC));
        }
    }
}
