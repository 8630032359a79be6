package io.tongxin.dialogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tongxin.shared.KnownAbsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Conversation state in the database, per (channel, chat, user), so any instance continues a flow.
 * Read with a row lock: two messages of one user never run one flow twice at once.
 */
@ApplicationScoped
class Conversations {

    /** Where a user is in a flow. {@code chatId} is empty for a direct chat. */
    record Key(String channelKey, String chatId, String userId, boolean sandbox) {
        Key {
            chatId = chatId == null ? "" : chatId;
        }
    }

    /** A flow in progress, as the engine reads and writes it. */
    record State(
            String scriptId,
            int step,
            String awaiting,
            Map<String, String> slots,
            int retries,
            String language,
            Instant expiresAt) {}

    private static final TypeReference<LinkedHashMap<String, String>> SLOTS = new TypeReference<>() {};

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    KnownAbsent absent;

    /** The user's conversation, locked until the transaction ends; empty when none waits. */
    Optional<State> lock(Key key) {
        return row(key, true).map(this::state);
    }

    /**
     * The user's conversation row, locked until the transaction ends ({@link #state} reads it): kept
     * for {@link #save(Key, Optional, State, long, Instant)}, so a turn reads its row once.
     */
    Optional<Conversation> lockRow(Key key) {
        if (absent.absent(ABSENT, key)) {
            return Optional.empty(); // this transaction's batch read found none ({@link #prepare})
        }
        return row(key, true);
    }

    /** {@link KnownAbsent} kind: conversation keys with no row. */
    private static final String ABSENT = "dialogue.conversation";

    /**
     * For a batch of messages handled in one transaction: which of these users have no conversation,
     * read by one statement for all of them, so {@link #lockRow} answers those without one each.
     */
    void prepare(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<String> channels = keys.stream().map(Key::channelKey).distinct().toList();
        List<String> users = keys.stream().map(Key::userId).distinct().toList();
        Set<Key> found = new HashSet<>();
        for (Object[] r : em.createQuery(
                        "select c.channelKey, c.chatId, c.userId, c.sandbox from Conversation c"
                                + " where c.channelKey in :ch and c.userId in :users",
                        Object[].class)
                .setParameter("ch", channels)
                .setParameter("users", users)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList()) {
            found.add(new Key((String) r[0], (String) r[1], (String) r[2], (Boolean) r[3]));
        }
        absent.record(ABSENT, keys, found);
    }

    private Optional<Conversation> row(Key key, boolean lock) {
        var q = em.createQuery(
                        "from Conversation c where c.channelKey = :ch and c.chatId = :chat and c.userId = :user"
                                + " and c.sandbox = :sandbox",
                        Conversation.class)
                .setParameter("ch", key.channelKey())
                .setParameter("chat", key.chatId())
                .setParameter("user", key.userId())
                .setParameter("sandbox", key.sandbox());
        if (lock) {
            q.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        List<Conversation> rows = q.getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static final String INSERT = "insert into bot_conversation (channel_key, chat_id, user_id, sandbox,"
            + " script_id, step, awaiting, slots, retries, language, expires_at, last_inbox_id, updated_at)"
            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) on conflict do nothing";

    /**
     * Saves where the flow is. A new conversation is insert-or-get ({@code ON CONFLICT DO NOTHING}):
     * if a concurrent first message of the same user created the row first, nothing fails; this
     * message is deferred ({@link io.tongxin.inbox.RetryLater}, its writes rolled back, not counted as
     * an attempt) and decided again on the stored state, as {@link DialogueHandler} does for a sender's
     * earlier message still in processing.
     */
    void save(Key key, State s, long inboxId, Instant now) {
        save(key, row(key, true), s, inboxId, now);
    }

    /** {@link #save(Key, State, long, Instant)} with the row this transaction already locked ({@link #lockRow}). */
    void save(Key key, Optional<Conversation> existing, State s, long inboxId, Instant now) {
        if (existing.isEmpty()) {
            absent.written(ABSENT, key);
            int inserted = em.createNativeQuery(INSERT)
                    .setParameter(1, key.channelKey())
                    .setParameter(2, key.chatId())
                    .setParameter(3, key.userId())
                    .setParameter(4, key.sandbox())
                    .setParameter(5, s.scriptId())
                    .setParameter(6, s.step())
                    .setParameter(7, s.awaiting())
                    .setParameter(8, write(s.slots()))
                    .setParameter(9, s.retries())
                    .setParameter(10, s.language())
                    .setParameter(11, s.expiresAt())
                    .setParameter(12, inboxId == 0 ? null : inboxId)
                    .setParameter(13, now)
                    .executeUpdate();
            if (inserted == 0) {
                throw new io.tongxin.inbox.RetryLater(
                        java.time.Duration.ofMillis(200),
                        "a concurrent message of the same user started a conversation");
            }
            return;
        }
        Conversation c = existing.get();
        c.scriptId = s.scriptId();
        c.step = s.step();
        c.awaiting = s.awaiting();
        c.slots = write(s.slots());
        c.retries = s.retries();
        c.language = s.language();
        c.expiresAt = s.expiresAt();
        c.lastInboxId = inboxId == 0 ? null : inboxId;
        c.updatedAt = now;
    }

    /**
     * Ends the flow whose row this transaction locked ({@link #lockRow}): deleted with the
     * transaction's other writes at commit, not by a bulk statement (which first flushes everything
     * the turn wrote: 4% of a guided report's service CPU, issue 16 profile).
     */
    void clear(Conversation locked) {
        em.remove(locked);
    }

    /** Ends the flow. */
    void clear(Key key) {
        em.createQuery("delete from Conversation c where c.channelKey = :ch and c.chatId = :chat"
                        + " and c.userId = :user and c.sandbox = :sandbox")
                .setParameter("ch", key.channelKey())
                .setParameter("chat", key.chatId())
                .setParameter("user", key.userId())
                .setParameter("sandbox", key.sandbox())
                .executeUpdate();
    }

    /** Deletes conversations that expired before {@code before}; returns how many. */
    int purge(Instant before) {
        return em.createQuery("delete from Conversation c where c.expiresAt < :before")
                .setParameter("before", before)
                .executeUpdate();
    }

    /**
     * Whether an earlier message of the same user in the same chat is still waiting to be processed
     * (accepted, being processed by another worker, or due for a retry): the later one waits for it,
     * so one user's messages are handled in order.
     */
    boolean earlierUnfinished(long inboxId, String channelKey, String chatId, String userId) {
        if (inboxId == 0) {
            return false;
        }
        Number n = (Number) em.createNativeQuery("select count(*) from inbox_message where status in ('pending',"
                        + " 'processing', 'retrying') and channel_key = ?1 and sender_id = ?2 and id < ?3"
                        + " and coalesce(chat_id, '') = ?4")
                .setParameter(1, channelKey)
                .setParameter(2, userId)
                .setParameter(3, inboxId)
                .setParameter(4, chatId == null ? "" : chatId)
                .getSingleResult();
        return n.longValue() > 0;
    }

    State state(Conversation c) {
        return new State(c.scriptId, c.step, c.awaiting, read(c.slots), c.retries, c.language, c.expiresAt);
    }

    private Map<String, String> read(String s) {
        try {
            return s == null ? new LinkedHashMap<>() : json.readValue(s, SLOTS);
        } catch (JsonProcessingException e) {
            return new LinkedHashMap<>(); // unreadable state: the flow starts afresh
        }
    }

    private String write(Map<String, String> slots) {
        try {
            return json.writeValueAsString(slots);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
