package io.tongxin.outbox;

import io.tongxin.outbox.Content.Format;
import io.tongxin.shared.OwnTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * The dispatcher's short transactions on the outbox: claim a batch, record the parts' outcomes,
 * defer a rate-limited message, release claims (the outcomes and deferrals in local transactions
 * of their own, {@link OwnTransaction}: a failure, a deferral or a part of a longer text one per
 * message, the sent messages of a batch together). Sending happens between these, outside any
 * transaction. Every write after the claim checks that this instance still holds the claim.
 */
@ApplicationScoped
class OutboxStore {

    /**
     * Locks due, unclaimed (or expired-claim) rows. Rows locked by another instance's claim
     * transaction are skipped, and the lease written right after keeps them out of other claims
     * once that transaction commits. Parameters: now, now, limit.
     */
    static final String CLAIM_SQL = """
            select id from outbox_message
             where status in ('pending', 'retrying') and next_attempt_at <= ?
               and (claimed_until is null or claimed_until < ?)
             order by priority desc, next_attempt_at, id
             limit ?
             for update skip locked""";

    private static final String COLUMNS = "id, channel_key, target_kind, target_id, fallback_robot_key, "
            + "target_expires_at, format, body, mention_user_ids, mention_mobiles, attempts, failures, parts_sent, "
            + "image_media_id";

    @Inject
    EntityManager em;

    @Inject
    OwnTransaction own;

    /** What one platform request did, for the attempt history. */
    record Attempt(
            int number,
            int part,
            String sender,
            String outcome,
            String errorCode,
            String detail,
            String instanceId,
            Instant at,
            long durationMs) {}

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<ClaimedMessage> claim(String instanceId, Instant now, Duration lease, int limit) {
        return session().doReturningWork(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CLAIM_SQL)) {
                ts(ps, 1, now);
                ts(ps, 2, now);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
            try (PreparedStatement ps = c.prepareStatement(
                    "update outbox_message set claimed_by = ?, claimed_until = ? where id in (" + in + ")")) {
                ps.setString(1, instanceId);
                ts(ps, 2, now.plus(lease));
                ps.executeUpdate();
            }
            List<ClaimedMessage> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from outbox_message where id in ("
                    + in + ") order by priority desc, next_attempt_at, id")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(read(rs));
                    }
                }
            }
            return claimed;
        });
    }

    private static ClaimedMessage read(ResultSet rs) throws SQLException {
        OffsetDateTime expires = rs.getObject(6, OffsetDateTime.class);
        return new ClaimedMessage(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                expires == null ? null : expires.toInstant(),
                Format.fromWire(rs.getString(7)),
                rs.getString(8),
                split(rs.getString(9)),
                split(rs.getString(10)),
                rs.getInt(11),
                rs.getInt(12),
                rs.getInt(13),
                rs.getObject(14) == null ? null : rs.getLong(14));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** A part other than the last was delivered: remember it so a retry does not send it again; extend the lease. */
    boolean partSent(long id, String instanceId, int parts, Attempt a, Duration lease) {
        return update(c -> {
            insertAttempt(c, id, a);
            try (PreparedStatement ps = c.prepareStatement("update outbox_message set parts_sent = ?, parts_total = ?, "
                    + "attempts = ?, claimed_until = ?, updated_at = ? where id = ? and claimed_by = ?")) {
                ps.setInt(1, a.part() + 1);
                ps.setInt(2, parts);
                ps.setInt(3, a.number());
                ts(ps, 4, a.at().plus(lease));
                ts(ps, 5, a.at());
                ps.setLong(6, id);
                ps.setString(7, instanceId);
                return ps.executeUpdate();
            }
        });
    }

    /** A message whose last part was delivered, for {@link #sent}: its attempt and the platform's answer. */
    record Sent(long id, int parts, Attempt attempt, String platformAnswer) {}

    private static final String SENT_SQL = "update outbox_message set status = 'sent', parts_sent = ?, parts_total = ?,"
            + " attempts = ?, sent_at = ?, updated_at = ?, platform_response = ?, claimed_by = null,"
            + " claimed_until = null where id = ? and status <> 'sent'";

    /**
     * The last parts of these messages were delivered: each is sent (even if its lease ran out
     * meanwhile: it is true), with its attempt row; all in one local transaction, each statement as
     * one JDBC batch (the dispatcher gathers a batch's deliveries: one commit for many messages).
     * Returns how many messages it marked sent (one already marked sent counts none).
     */
    int sent(List<Sent> sent) {
        if (sent.isEmpty()) {
            return 0;
        }
        List<Sent> byId =
                sent.stream().sorted(Comparator.comparingLong(Sent::id)).toList();
        return own.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(ATTEMPT_SQL)) {
                for (Sent s : byId) {
                    bindAttempt(ps, s.id(), s.attempt());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(SENT_SQL)) {
                for (Sent s : byId) {
                    Attempt a = s.attempt();
                    ps.setInt(1, s.parts());
                    ps.setInt(2, s.parts());
                    ps.setInt(3, a.number());
                    ts(ps, 4, a.at());
                    ts(ps, 5, a.at());
                    ps.setString(6, trim(s.platformAnswer(), 2000));
                    ps.setLong(7, s.id());
                    ps.addBatch();
                }
                int marked = 0;
                for (int n : ps.executeBatch()) {
                    marked += n > 0 || n == Statement.SUCCESS_NO_INFO ? 1 : 0;
                }
                return marked;
            }
        });
    }

    /**
     * A part failed: the message goes to {@code retrying} at {@code nextAttemptAt}, or {@code dead}
     * when that is null. {@code expireReply} stops using a smart-robot response_url that failed.
     */
    boolean failed(
            long id,
            String instanceId,
            int parts,
            Attempt a,
            int failures,
            Instant nextAttemptAt,
            boolean expireReply) {
        return update(c -> {
            insertAttempt(c, id, a);
            try (PreparedStatement ps = c.prepareStatement("update outbox_message set status = ?, next_attempt_at = ?, "
                    + "attempts = ?, failures = ?, parts_total = ?, last_error_code = ?, last_error = ?, updated_at = ?, "
                    + "target_expires_at = case when ? then ? else target_expires_at end, "
                    + "claimed_by = null, claimed_until = null where id = ? and claimed_by = ?")) {
                ps.setString(1, nextAttemptAt == null ? "dead" : "retrying");
                ts(ps, 2, nextAttemptAt == null ? a.at() : nextAttemptAt);
                ps.setInt(3, a.number());
                ps.setInt(4, failures);
                ps.setInt(5, parts);
                ps.setString(6, a.errorCode());
                ps.setString(7, trim(a.detail(), 1000));
                ts(ps, 8, a.at());
                ps.setBoolean(9, expireReply);
                ts(ps, 10, a.at());
                ps.setLong(11, id);
                ps.setString(12, instanceId);
                return ps.executeUpdate();
            }
        });
    }

    /** Over a rate limit: wait until the window frees. Not an attempt, not a failure. */
    boolean defer(long id, String instanceId, Instant until, int parts, Instant now) {
        return update(c -> {
            try (PreparedStatement ps = c.prepareStatement("update outbox_message set next_attempt_at = ?, "
                    + "parts_total = ?, updated_at = ?, claimed_by = null, claimed_until = null "
                    + "where id = ? and claimed_by = ?")) {
                ts(ps, 1, until);
                ps.setInt(2, parts);
                ts(ps, 3, now);
                ps.setLong(4, id);
                ps.setString(5, instanceId);
                return ps.executeUpdate();
            }
        });
    }

    /** Gives back every claim this instance still holds (shutdown, or a message it did not get to). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int release(String instanceId, List<Long> ids) {
        return session().doReturningWork(c -> {
            String sql = "update outbox_message set claimed_by = null, claimed_until = null where claimed_by = ?"
                    + (ids == null
                            ? ""
                            : " and id in (" + ids.stream().map(String::valueOf).collect(Collectors.joining(","))
                                    + ")");
            if (ids != null && ids.isEmpty()) {
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, instanceId);
                return ps.executeUpdate();
            }
        });
    }

    private static final String ATTEMPT_SQL = "insert into outbox_attempt (message_id, attempt, part, sender,"
            + " outcome, error_code, detail, instance_id, at, duration_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static void insertAttempt(Connection c, long id, Attempt a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ATTEMPT_SQL)) {
            bindAttempt(ps, id, a);
            ps.executeUpdate();
        }
    }

    private static void bindAttempt(PreparedStatement ps, long id, Attempt a) throws SQLException {
        ps.setLong(1, id);
        ps.setInt(2, a.number());
        ps.setInt(3, a.part());
        ps.setString(4, a.sender());
        ps.setString(5, a.outcome());
        ps.setString(6, a.errorCode());
        ps.setString(7, trim(a.detail(), 1000));
        ps.setString(8, a.instanceId());
        ts(ps, 9, a.at());
        ps.setLong(10, a.durationMs());
    }

    /**
     * An outcome write (the attempt row and the message's update) in its own local transaction on a
     * plain pool connection: one per message sent, so no JTA transaction and Hibernate session for it.
     */
    private boolean update(OwnTransaction.Work<Integer> w) {
        return own.inTransaction(w) == 1;
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    static void ts(PreparedStatement ps, int i, Instant v) throws SQLException {
        ps.setObject(i, v.atOffset(ZoneOffset.UTC));
    }

    static String trim(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * Deletes up to {@code limit} messages that were sent before {@code sentBefore} or died (last
     * updated) before {@code deadBefore}, with their attempts (the foreign key cascades); returns how many.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int purge(Instant sentBefore, Instant deadBefore, int limit) {
        return em.createNativeQuery("delete from outbox_message where id in (select id from outbox_message"
                        + " where (status = 'sent' and sent_at < ?1) or (status = 'dead' and updated_at < ?2)"
                        + " order by id limit ?3)")
                .setParameter(1, sentBefore)
                .setParameter(2, deadBefore)
                .setParameter(3, limit)
                .executeUpdate();
    }
}
