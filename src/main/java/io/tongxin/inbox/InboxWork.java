package io.tongxin.inbox;

import io.tongxin.shared.KnownAbsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The worker protocol of the durable inbox: claims due messages ({@code FOR UPDATE SKIP LOCKED}, so
 * several instances share the work) under a lease, runs the handlers, records the outcome (processed,
 * retrying after exponential backoff, or failed after the bound) and purges processed messages.
 * Every state change is a database write, so any instance picks up where another stopped. Messages
 * arrive through {@link InboxAccept}.
 */
@ApplicationScoped
public class InboxWork {

    private static final String CLAIM = """
            select id, channel_key, coalesce(chat_id, ''), coalesce(sender_id, '') from inbox_message
            where (status in ('pending', 'retrying') and next_attempt_at <= ?1)
               or (status = 'processing' and locked_until < ?1)
            order by next_attempt_at, id
            limit ?2
            for update skip locked""";

    /** Messages claimed by one poll, all under the same claim token, in claim order. */
    public record Claim(List<Long> ids, List<String> senders, String token) {}

    @Inject
    InboxReplies replies;

    @Inject
    KnownAbsent absent;

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Clock clock;

    @Inject
    InboxConfig config;

    @Inject
    @Any
    Instance<InboundHandler> handlers;

    /** Claims up to {@code limit} due messages: pending, retrying after their backoff, or with an expired lease. */
    @Transactional
    public Claim claimDue(int limit) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(CLAIM)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        // who sent each one (channel, chat, sender): one sender's messages are processed together, in order
        List<String> senders = rows.stream()
                .map(r -> InboxProcessor.senderKey((String) r[1], (String) r[2], (String) r[3]))
                .toList();
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
        return new Claim(ids, senders, token);
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
        Optional<String> reply = handle(m);
        markProcessed(m, reply);
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        if (handoff != null && InboxReplies.fitsInline(reply.get()) && handoff.claimInline(reply.get())) {
            // durable until the webhook confirms it answered with it (confirmInline); if nobody does,
            // the poller queues it in the outbox after pending-reply-after (sweepPendingReplies)
            m.replyDelivery = INLINE_PENDING;
            em.createNativeQuery("insert into inbox_reply_pending (inbox_message_id, due_at) values (?1, ?2)")
                    .setParameter(1, id)
                    .setParameter(2, clock.instant().plus(config.pendingReplyAfter()))
                    .executeUpdate();
            return reply;
        }
        m.replyDelivery = replies.send(m, reply.get()) ? "outbox" : "unaddressed";
        return Optional.empty();
    }

    /** The transaction resource kind ({@link KnownAbsent}): messages of a batch with no earlier unfinished one outside it. */
    public static final String NO_EARLIER_OUTSIDE_BATCH = "inbox.no-earlier-unfinished";

    /**
     * Runs the handlers on several claimed messages in one transaction, in the given order (the
     * poller's batches: nobody waits for these replies, so each goes through the outbox in this
     * transaction, as {@link #runHandlers} does without a handoff). The batch's rows are read and
     * locked by one statement, the handlers {@link InboundHandler#prepare prepare} their lookups for
     * all of them at once, and the processed marks are written together at the end (one JDBC batch);
     * each message is otherwise handled exactly as on its own, then flushed and cleared from the
     * session, so one message's cost does not grow with the batch. Messages whose sender has an
     * earlier one unfinished outside the batch ({@link #waitingForEarlier}) are left alone here and
     * returned: the caller processes each on its own (they wait for it). Any exception (a failing
     * handler, {@link RetryLater}) rolls back the whole batch and is thrown: the caller then processes
     * each message in its own transaction, so one bad message neither fails nor delays the others'
     * outcome. A {@link ProcessAlone} is thrown naming its message.
     */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public List<Long> runHandlersTogether(List<Long> ids, String token) throws Exception {
        Map<Long, InboxMessage> rows = new HashMap<>();
        for (InboxMessage m : em.createQuery("from InboxMessage m where m.id in :ids order by m.id", InboxMessage.class)
                .setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()) {
            rows.put(m.id, m);
        }
        List<Long> waiting = earlierOutside(ids);
        List<InboxMessage> mine = new ArrayList<>();
        Set<String> behindOthers = new HashSet<>(); // senders with a batch message not processed here
        List<Long> inOrder = new ArrayList<>();
        for (Long id : ids) {
            InboxMessage m = rows.get(id);
            String sender = m == null ? null : InboxProcessor.senderKey(m.channelKey, m.chatId, m.senderId);
            if (m == null
                    || m.status != InboxStatus.PROCESSING
                    || !token.equals(m.claimToken)
                    || waiting.contains(id)) {
                if (sender != null && m.status != InboxStatus.PROCESSED && m.status != InboxStatus.FAILED) {
                    behindOthers.add(sender); // still unfinished elsewhere: the sender's later ones check
                }
                continue;
            }
            mine.add(m);
            if (!behindOthers.contains(sender)) {
                // its sender's earlier messages are finished or run before it in this transaction
                inOrder.add(id);
            }
        }
        em.clear(); // read only from here on: the processed marks are written together at the end
        absent.record(NO_EARLIER_OUTSIDE_BATCH, inOrder, List.of());
        List<InboundMessage> messages = mine.stream().map(InboundMessage::of).toList();
        for (InboundHandler h : handlers) {
            h.prepare(messages);
        }
        List<Processed> marks = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            InboxMessage m = mine.get(i);
            Optional<String> reply;
            try {
                reply = handle(messages.get(i));
            } catch (ProcessAlone alone) {
                throw alone.of(m.id); // the caller processes this one in its own transaction
            }
            String delivery = reply.isEmpty() ? null : replies.send(m, reply.get()) ? "outbox" : "unaddressed";
            marks.add(new Processed(
                    m.id,
                    clock.instant(),
                    reply.map(r -> InboxMessage.cut(r, 4000)).orElse(null),
                    delivery));
            em.flush();
            em.clear();
        }
        markProcessed(marks);
        return waiting;
    }

    /** A message of a batch handled: when, its reply as recorded, how the reply went. */
    private record Processed(long id, Instant at, String reply, String delivery) {}

    private static final String MARK_PROCESSED = "update inbox_message set status = 'processed', processed_at = ?,"
            + " claim_token = null, locked_until = null, reply = ?, reply_delivery = coalesce(?, reply_delivery) where id = ?";

    /** The batch's processed marks, as {@link #markProcessed(InboxMessage, Optional)} sets them, in one JDBC batch. */
    private void markProcessed(List<Processed> marks) {
        if (marks.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(MARK_PROCESSED)) {
                for (Processed p : marks) {
                    ps.setObject(1, p.at().atOffset(ZoneOffset.UTC));
                    ps.setString(2, p.reply());
                    ps.setString(3, p.delivery());
                    ps.setLong(4, p.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /**
     * Of the claimed messages {@code ids}, those whose sender (same channel and chat) has an earlier
     * message still unfinished outside {@code ids}: processed on their own (they wait for it), not in
     * a batch that their deferral would roll back.
     */
    @Transactional
    public List<Long> waitingForEarlier(List<Long> ids) {
        return earlierOutside(ids);
    }

    private List<Long> earlierOutside(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("select m.id from inbox_message m where m.id in (?1) and exists ("
                        + " select 1 from inbox_message e where e.channel_key = m.channel_key"
                        + " and e.sender_id = m.sender_id and coalesce(e.chat_id, '') = coalesce(m.chat_id, '')"
                        + " and e.id < m.id and e.status in ('pending', 'processing', 'retrying')"
                        // "offset 0 rows" keeps the sub-query per message, on ix_inbox_message_sender: as a
                        // semi-join PostgreSQL hashed every unfinished message (10 ms a call with a backlog)
                        + " and e.id not in (?1) offset 0 rows)")
                .setParameter(1, ids)
                .getResultList();
        return rows.stream().map(Number::longValue).toList();
    }

    private Optional<String> handle(InboxMessage m) throws Exception {
        return handle(InboundMessage.of(m));
    }

    private Optional<String> handle(InboundMessage message) throws Exception {
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
        return reply;
    }

    private void markProcessed(InboxMessage m, Optional<String> reply) {
        m.status = InboxStatus.PROCESSED;
        m.processedAt = clock.instant();
        m.claimToken = null;
        m.lockedUntil = null;
        m.reply = reply.map(r -> InboxMessage.cut(r, 4000)).orElse(null);
    }

    /** A reply committed for the webhook's answer that the webhook has not confirmed yet. */
    static final String INLINE_PENDING = "inline-pending";

    /**
     * The webhook is about to answer with a reply committed as {@code inline-pending}: true (and the
     * reply becomes {@code inline}) if nobody queued it in the outbox meanwhile. Deleting the pending
     * row is the compare-and-set between the webhook, the late send and the poller's sweep.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean confirmInline(long id) {
        if (!takePending(id)) {
            return false;
        }
        em.createNativeQuery("update inbox_message set reply_delivery = 'inline' where id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        return true;
    }

    /**
     * Sends a reply that was committed as {@code inline-pending} through the outbox after all: the
     * webhook gave up waiting for that commit and answered without it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sendClaimedReplyLate(long id) {
        if (takePending(id)) {
            queuePendingReply(id);
        }
    }

    /**
     * Queues in the outbox up to {@code limit} replies committed as {@code inline-pending} whose
     * webhook never confirmed them within {@code tongxin.inbox.pending-reply-after}: their instance
     * died between the processing commit and the answer (or its late send). Returns how many.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int sweepPendingReplies(int limit) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("select inbox_message_id from inbox_reply_pending where due_at <= ?1"
                        + " order by due_at limit ?2 for update skip locked")
                .setParameter(1, clock.instant())
                .setParameter(2, limit)
                .getResultList();
        for (Number n : rows) {
            long id = n.longValue();
            takePending(id);
            queuePendingReply(id);
        }
        return rows.size();
    }

    private boolean takePending(long id) {
        return em.createNativeQuery("delete from inbox_reply_pending where inbox_message_id = ?1")
                        .setParameter(1, id)
                        .executeUpdate()
                == 1;
    }

    private void queuePendingReply(long id) {
        InboxMessage m = em.find(InboxMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m != null && INLINE_PENDING.equals(m.replyDelivery) && m.reply != null) {
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
        m.lastError = InboxMessage.cut(describe(error), 2000);
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

    /** Gives a claimed message back to be tried again after {@code after}, not counted as an attempt. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void defer(long id, String token, Duration after, String reason) {
        em.createQuery("update InboxMessage m set m.status = :s, m.claimToken = null, m.lockedUntil = null,"
                        + " m.attempts = m.attempts - 1, m.nextAttemptAt = :at, m.lastError = :why"
                        + " where m.id = :id and m.claimToken = :t")
                .setParameter("s", InboxStatus.RETRYING)
                .setParameter("at", clock.instant().plus(after))
                .setParameter("why", InboxMessage.cut("deferred: " + reason, 2000))
                .setParameter("id", id)
                .setParameter("t", token)
                .executeUpdate();
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

    Duration backoff(int attempts) {
        Duration d = config.initialBackoff();
        for (int i = 1; i < attempts && d.compareTo(config.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
