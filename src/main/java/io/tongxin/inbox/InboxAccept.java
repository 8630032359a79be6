package io.tongxin.inbox;

import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.InboundDraft;
import io.tongxin.channel.MediaRef;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The accept path of the durable inbox: stores (and deduplicates) each callback message before the
 * platform is answered, and decides whether the caller processes it now. Measured: it stays one
 * plain-JDBC statement for a new message (see {@link #accept}); the worker protocol that follows is
 * {@link InboxWork}.
 */
@ApplicationScoped
public class InboxAccept {

    private static final String INSERT = """
            insert into inbox_message (channel_key, channel_type, dedupe_key, kind, event, event_key, chat_id,
                sender_id, sender_name, account_id, text, mentions, mentions_bot, platform_message_id, platform_time,
                received_at, response_url, raw, status, attempts, next_attempt_at, claim_token, locked_until,
                processed_at, sender_verified, media)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing""";

    /** The outcome of storing a callback message. {@code claimToken} is set when the caller must process it now. */
    public record Accepted(
            long id, boolean duplicate, String claimToken, String reply, String senderId, String accountId) {}

    /** The webhooks' own pool ({@code quarkus.datasource.accept.*}): processing never holds these connections. */
    @Inject
    @io.quarkus.agroal.DataSource("accept")
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    InboxConfig config;

    @Inject
    @Any
    Instance<InboundHandler> handlers;

    /** The handlers, resolved once (application-scoped beans: their proxies), not looked up per message. */
    private List<InboundHandler> all;

    @PostConstruct
    void resolve() {
        all = handlers.stream().toList();
    }

    /**
     * What the handlers make of a message before it is stored, asked once per message: whether any
     * {@link InboundHandler#wants} it (if none does, it is stored processed), and whether one that
     * wants it keeps its sender's messages in order ({@link InboundHandler#ordered}: the caller puts
     * it in its sender's lane).
     */
    public record Decision(boolean wanted, boolean ordered) {
        static final Decision NONE = new Decision(false, false);
        static final Decision WANTED = new Decision(true, false);
        static final Decision ORDERED = new Decision(true, true);
    }

    /** The handlers' {@link Decision} on a message about to be accepted (cheap, no database). */
    public Decision decide(ChannelInfo channel, InboundDraft d) {
        InboundMessage candidate = InboundMessage.candidate(channel.key(), channel.type(), d, clock.instant());
        boolean wanted = false;
        for (InboundHandler h : all) {
            if (h.wants(candidate)) {
                if (h.ordered(candidate)) {
                    return Decision.ORDERED;
                }
                wanted = true;
            }
        }
        return wanted ? Decision.WANTED : Decision.NONE;
    }

    /** Whether any {@link InboundHandler} wants the message; if none does, it is processed on arrival. */
    boolean anyHandlerWants(InboundMessage candidate) {
        for (InboundHandler h : all) {
            if (h.wants(candidate)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stores a message unless the channel already has one with the same dedupe key (the unique
     * constraint decides, also between instances). A new message is either claimed for immediate
     * processing by the caller or, when no handler wants it, marked processed.
     *
     * <p>This runs for every callback, so it is plain JDBC: a new message costs one statement
     * ({@code INSERT ... ON CONFLICT DO NOTHING} returning the generated id) committed on its own
     * (auto-commit, durable before the platform is answered); only a duplicate costs a second
     * statement, to read the original's id and answer. The connection comes from the webhooks' own
     * pool (never part of a caller's transaction), so accepting never waits for a connection that
     * processing, the outbox or the API holds.
     */
    public Accepted accept(ChannelInfo channel, InboundDraft d) {
        return accept(channel, d, true);
    }

    /**
     * As {@link #accept(ChannelInfo, InboundDraft)}; with {@code claim} false a message a handler
     * wants is stored {@code pending} for the poller instead of claimed by the caller (processing is
     * behind on this instance).
     */
    public Accepted accept(ChannelInfo channel, InboundDraft d, boolean claim) {
        return accept(channel, d, decide(channel, d), claim);
    }

    /**
     * As {@link #accept(ChannelInfo, InboundDraft, boolean)} with the handlers' {@link #decide decision}
     * already made (the webhook makes it once: it also gives the message's lane).
     */
    public Accepted accept(ChannelInfo channel, InboundDraft d, Decision decision, boolean claim) {
        Instant now = clock.instant();
        boolean wanted = decision.wanted();
        boolean process = wanted && claim;
        String token = process ? UUID.randomUUID().toString() : null;
        String senderId = InboxMessage.cut(d.senderId(), 128);
        String accountId = InboxMessage.cut(d.accountId(), 128);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
                ps.setString(1, channel.key());
                ps.setString(2, channel.type().wire());
                ps.setString(3, d.dedupeKey());
                ps.setString(4, d.kind().wire());
                ps.setString(5, InboxMessage.cut(d.event(), 64));
                ps.setString(6, InboxMessage.cut(d.eventKey(), 1000));
                ps.setString(7, InboxMessage.cut(d.chatId(), 128));
                ps.setString(8, senderId);
                ps.setString(9, InboxMessage.cut(d.senderName(), 200));
                ps.setString(10, accountId);
                ps.setString(11, d.text());
                ps.setString(12, InboxMessage.cut(String.join("\n", d.mentions()), 4000));
                ps.setBoolean(13, d.mentionsBot());
                ps.setString(14, InboxMessage.cut(d.platformMessageId(), 128));
                ps.setObject(15, time(d.platformTime()), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(16, time(now));
                ps.setString(17, InboxMessage.cut(d.responseUrl(), 2000));
                ps.setString(18, d.raw());
                ps.setString(
                        19,
                        process
                                ? InboxStatus.PROCESSING.wire()
                                : wanted ? InboxStatus.PENDING.wire() : InboxStatus.PROCESSED.wire());
                ps.setInt(20, process ? 1 : 0);
                ps.setObject(21, time(now));
                ps.setString(22, token);
                ps.setObject(23, process ? time(now.plus(config.lease())) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(24, wanted ? null : time(now), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setBoolean(25, d.senderVerified());
                ps.setString(26, MediaRef.toJson(d.media()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (keys.next()) {
                        return new Accepted(keys.getLong(1), false, token, null, senderId, accountId);
                    }
                }
            }
            // a duplicate: answer as the original was answered
            try (PreparedStatement ps =
                    c.prepareStatement("select id, reply, sender_id, account_id, reply_delivery from inbox_message"
                            + " where channel_key = ? and dedupe_key = ?")) {
                ps.setString(1, channel.key());
                ps.setString(2, d.dedupeKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("inbox message " + channel.key() + "/" + d.dedupeKey()
                                + " conflicted on insert but cannot be read");
                    }
                    // the original's reply again only if it was answered inline (else it was or will be sent)
                    String reply = "inline".equals(rs.getString(5)) ? rs.getString(2) : null;
                    return new Accepted(rs.getLong(1), true, null, reply, rs.getString(3), rs.getString(4));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("cannot store inbox message " + channel.key() + "/" + d.dedupeKey(), e);
        }
    }

    private static OffsetDateTime time(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
