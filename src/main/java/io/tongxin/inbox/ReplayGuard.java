package io.tongxin.inbox;

import io.tongxin.channel.InboundDraft;
import io.tongxin.channel.WebhookRejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * One signed (timestamp, nonce) carries one message: for callbacks whose signature does not cover
 * the body (Official Account plaintext mode), the first message admitted under a signature binds it;
 * the same message again (WeChat's retries) passes and is deduplicated by the inbox, any other body is
 * refused as a replay. Kept in PostgreSQL (the primary key decides, also between instances), one
 * auto-committed statement per message, purged once older than the clock-skew window.
 */
@ApplicationScoped
public class ReplayGuard {

    /** How long a signature is remembered at least, even when the clock-skew check is off. */
    static final Duration MIN_MEMORY = Duration.ofMinutes(10);

    /** The webhooks' own pool, as {@link InboxAccept}'s: checking a signature never waits for processing. */
    @Inject
    @io.quarkus.agroal.DataSource("accept")
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    WebhookConfig config;

    /** Admits the draft's signature for its message, or throws a replay rejection. No-op for signed bodies. */
    void admit(String channelKey, InboundDraft draft) {
        if (draft.replayKey() == null) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into webhook_nonce (channel_key, nonce_key,"
                    + " dedupe_key, seen_at) values (?, ?, ?, ?) on conflict do nothing")) {
                ps.setString(1, channelKey);
                ps.setString(2, InboxMessage.cut(draft.replayKey(), 200));
                ps.setString(3, draft.dedupeKey());
                ps.setObject(4, clock.instant().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                if (ps.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select dedupe_key from webhook_nonce where channel_key = ? and nonce_key = ?")) {
                ps.setString(1, channelKey);
                ps.setString(2, InboxMessage.cut(draft.replayKey(), 200));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && draft.dedupeKey().equals(rs.getString(1))) {
                        return; // the platform retrying the same message
                    }
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("cannot check the signature of a " + channelKey + " message", e);
        }
        throw WebhookRejection.replay("this signature was already used for another message");
    }

    /** Forgets signatures that the clock-skew check refuses anyway; returns how many. */
    int purge() {
        Duration keep = Duration.ofSeconds(Math.max(0, config.maxClockSkew()) * 2L);
        if (keep.compareTo(MIN_MEMORY) < 0) {
            keep = MIN_MEMORY;
        }
        Instant before = clock.instant().minus(keep);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from webhook_nonce where seen_at < ?")) {
            ps.setObject(1, before.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("cannot purge webhook signatures", e);
        }
    }
}
