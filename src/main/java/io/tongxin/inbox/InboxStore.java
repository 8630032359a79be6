package io.tongxin.inbox;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.InboundDraft;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The durable inbox: the transactions that accept (and deduplicate) messages, claim due ones, run the
 * handlers and record outcomes. Every state change is a database write, so any instance can pick up
 * where another stopped.
 */
@ApplicationScoped
public class InboxStore {

    private static final String INSERT = """
            insert into inbox_message (channel_key, channel_type, dedupe_key, kind, event, event_key, chat_id,
                sender_id, sender_name, account_id, text, mentions, mentions_bot, platform_message_id, platform_time,
                received_at, response_url, raw, status, attempts, next_attempt_at, claim_token, locked_until,
                processed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing""";

    private static final String CLAIM = """
            select id from inbox_message
            where (status in ('pending', 'retrying') and next_attempt_at <= ?1)
               or (status = 'processing' and locked_until < ?1)
            order by next_attempt_at, id
            limit ?2
            for update skip locked""";

    /** The outcome of storing a callback message. {@code claimToken} is set when the caller must process it now. */
    public record Accepted(
            long id, boolean duplicate, String claimToken, String reply, String senderId, String accountId) {}

    @Inject
    InboxReplies replies;

    /** Messages claimed by one poll, all under the same claim token. */
    public record Claim(List<Long> ids, String token) {}

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Clock clock;

    @Inject
    InboxConfig config;

    @Inject
    @Any
    Instance<InboundHandler> handlers;

    /** Whether any {@link InboundHandler} wants the message; if none does, it is processed on arrival. */
    boolean anyHandlerWants(InboundMessage candidate) {
        for (InboundHandler h : handlers) {
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
     * statement, to read the original's id and answer. Inside a caller's transaction the connection
     * joins it instead.
     */
    public Accepted accept(ChannelInfo channel, InboundDraft d) {
        Instant now = clock.instant();
        boolean process = anyHandlerWants(InboundMessage.candidate(channel.key(), channel.type(), d, now));
        String token = process ? UUID.randomUUID().toString() : null;
        String senderId = cut(d.senderId(), 128);
        String accountId = cut(d.accountId(), 128);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
                ps.setString(1, channel.key());
                ps.setString(2, channel.type().wire());
                ps.setString(3, d.dedupeKey());
                ps.setString(4, d.kind().wire());
                ps.setString(5, cut(d.event(), 64));
                ps.setString(6, cut(d.eventKey(), 1000));
                ps.setString(7, cut(d.chatId(), 128));
                ps.setString(8, senderId);
                ps.setString(9, cut(d.senderName(), 200));
                ps.setString(10, accountId);
                ps.setString(11, d.text());
                ps.setString(12, cut(String.join("\n", d.mentions()), 4000));
                ps.setBoolean(13, d.mentionsBot());
                ps.setString(14, cut(d.platformMessageId(), 128));
                ps.setObject(15, time(d.platformTime()), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(16, time(now));
                ps.setString(17, cut(d.responseUrl(), 2000));
                ps.setString(18, d.raw());
                ps.setString(19, process ? InboxStatus.PROCESSING.wire() : InboxStatus.PROCESSED.wire());
                ps.setInt(20, process ? 1 : 0);
                ps.setObject(21, time(now));
                ps.setString(22, token);
                ps.setObject(23, process ? time(now.plus(config.lease())) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(24, process ? null : time(now), Types.TIMESTAMP_WITH_TIMEZONE);
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

    /**
     * Deletes up to {@code limit} processed messages received before {@code before}; returns how many.
     * Short transactions of bounded size, so a large backlog never holds long locks.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeProcessed(Instant before, int limit) {
        return em.createNativeQuery("delete from inbox_message where id in (select id from inbox_message"
                        + " where status = 'processed' and received_at < ?1 order by id limit ?2)")
                .setParameter(1, before)
                .setParameter(2, limit)
                .executeUpdate();
    }

    /** Claims up to {@code limit} due messages: pending, retrying after their backoff, or with an expired lease. */
    @Transactional
    public Claim claimDue(int limit) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery(CLAIM)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        List<Long> ids = rows.stream().map(Number::longValue).toList();
        String token = UUID.randomUUID().toString();
        if (!ids.isEmpty()) {
            em.createQuery("update InboxMessage m set m.status = :s, m.claimToken = :t, m.lockedUntil = :l,"
                            + " m.attempts = m.attempts + 1 where m.id in :ids")
                    .setParameter("s", InboxStatus.PROCESSING)
                    .setParameter("t", token)
                    .setParameter("l", now.plus(config.lease()))
                    .setParameter("ids", ids)
                    .executeUpdate();
        }
        return new Claim(ids, token);
    }

    /**
     * Runs every handler on a claimed message and marks it processed, all in one transaction: a
     * handler that throws rolls back its own writes too. The first reply goes back in the webhook's
     * answer if the webhook is still waiting ({@code handoff}, null when the poller processes it);
     * otherwise it is queued in the outbox in this same transaction, so it reaches the sender either
     * way. Returns the reply to answer inline; empty when there is none for the webhook or the claim
     * was lost (another worker took over after the lease expired).
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public Optional<String> runHandlers(long id, String token, ReplyHandoff handoff) throws Exception {
        InboxMessage m = em.find(InboxMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || m.status != InboxStatus.PROCESSING || !token.equals(m.claimToken)) {
            return Optional.empty();
        }
        InboundMessage message = InboundMessage.of(m);
        Optional<String> reply = Optional.empty();
        for (InboundHandler h : handlers) {
            Optional<String> r = h.handle(message);
            if (reply.isEmpty() && r != null && r.isPresent() && !r.get().isBlank()) {
                reply = r;
            }
        }
        if (transactions.getTransactionStatus() == Status.STATUS_MARKED_ROLLBACK) {
            // a handler caught an error that doomed this transaction: commit would silently roll back
            throw new IllegalStateException("a handler left the processing transaction marked for rollback");
        }
        m.status = InboxStatus.PROCESSED;
        m.processedAt = clock.instant();
        m.claimToken = null;
        m.lockedUntil = null;
        m.reply = reply.map(r -> cut(r, 4000)).orElse(null);
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        if (handoff != null && InboxReplies.fitsInline(reply.get()) && handoff.claimInline(reply.get())) {
            m.replyDelivery = "inline";
            return reply;
        }
        m.replyDelivery = replies.send(m, reply.get()) ? "outbox" : "unaddressed";
        return Optional.empty();
    }

    /**
     * Sends a reply that was committed as {@code inline} through the outbox after all: the webhook
     * gave up waiting for that commit and answered without it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sendClaimedReplyLate(long id) {
        InboxMessage m = em.find(InboxMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m != null && "inline".equals(m.replyDelivery) && m.reply != null) {
            m.replyDelivery = replies.send(m, m.reply) ? "outbox" : "unaddressed";
        }
    }

    /** Records a failed attempt: retry after exponential backoff, or park as failed after the bound. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public InboxStatus recordFailure(long id, String token, Throwable error) {
        InboxMessage m = em.find(InboxMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || m.status != InboxStatus.PROCESSING || !token.equals(m.claimToken)) {
            return m == null ? null : m.status;
        }
        Instant now = clock.instant();
        m.lastError = cut(describe(error), 2000);
        m.claimToken = null;
        m.lockedUntil = null;
        if (m.attempts >= config.maxAttempts()) {
            m.status = InboxStatus.FAILED;
        } else {
            m.status = InboxStatus.RETRYING;
            m.nextAttemptAt = now.plus(backoff(m.attempts));
        }
        return m.status;
    }

    /** Gives a claimed message back to the poller (no worker thread was free). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(long id, String token) {
        em.createQuery("update InboxMessage m set m.status = :s, m.claimToken = null, m.lockedUntil = null,"
                        + " m.attempts = m.attempts - 1 where m.id = :id and m.claimToken = :t")
                .setParameter("s", InboxStatus.PENDING)
                .setParameter("id", id)
                .setParameter("t", token)
                .executeUpdate();
    }

    /** Re-drives a parked message: it becomes pending with a fresh attempt budget. */
    @Transactional
    public InboxView retry(long id) {
        InboxMessage m = require(id);
        if (m.status != InboxStatus.FAILED) {
            throw ProblemException.conflict(
                    "inbox message " + id + " is " + m.status.wire() + "; only failed messages can be retried");
        }
        m.status = InboxStatus.PENDING;
        m.attempts = 0;
        m.nextAttemptAt = clock.instant();
        return InboxView.of(m);
    }

    @Transactional
    public ListResult<InboxView> list(Optional<InboxStatus> status, Optional<String> channelKey, Paging page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        status.ifPresent(s -> {
            where.add("status = :status");
            params.put("status", s);
        });
        channelKey.ifPresent(k -> {
            where.add("channelKey = :channelKey");
            params.put("channelKey", k);
        });
        Sort newestFirst = Sort.by("id", Sort.Direction.Descending);
        var q = where.isEmpty()
                ? InboxMessage.<InboxMessage>findAll(newestFirst)
                : InboxMessage.<InboxMessage>find(String.join(" and ", where), newestFirst, params);
        return new ListResult<>(
                q.page(Page.of(page.page(), page.size())).list().stream()
                        .map(InboxView::of)
                        .toList(),
                q.count());
    }

    @Transactional
    public InboxDetail get(long id) {
        return InboxDetail.of(require(id));
    }

    Duration backoff(int attempts) {
        Duration d = config.initialBackoff();
        for (int i = 1; i < attempts && d.compareTo(config.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
    }

    private static InboxMessage require(long id) {
        InboxMessage m = InboxMessage.findById(id);
        if (m == null) {
            throw ProblemException.notFound("inbox message", Long.toString(id));
        }
        return m;
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
