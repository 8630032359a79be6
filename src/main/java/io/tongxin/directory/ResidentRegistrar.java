package io.tongxin.directory;

import io.tongxin.shared.OwnTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Creates a resident for a new platform identity: insert-or-get, so two messages of one new sender
 * processed at once (on one instance or two) never fail a transaction. The insert is
 * {@code INSERT ... ON CONFLICT DO NOTHING}, committed on its own at once (auto-commit, outside the
 * caller's transaction: {@link OwnTransaction}): the loser of a race waits for the winner's insert
 * and inserts nothing; the caller then reads the winner's row.
 */
@ApplicationScoped
class ResidentRegistrar {

    private static final String INSERT = "insert into resident (code, channel_key, user_id, display_name,"
            + " created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, 0) on conflict do nothing";

    @Inject
    OwnTransaction own;

    @Inject
    Clock clock;

    /**
     * Inserts the resident unless the identity has one already: the resident this call created, or
     * null if it created none (the identity has one, or, astronomically rarely, the new code was taken).
     */
    ResidentInfo register(String channelKey, String userId, String displayName) {
        String name = Violations.strip(displayName);
        if (name != null && name.length() > 100) {
            name = name.substring(0, 100);
        }
        String stored = name;
        String code = ResidentService.newCode();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        int inserted = own.autoCommit(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, code);
                ps.setString(2, channelKey);
                ps.setString(3, userId);
                ps.setString(4, stored);
                ps.setObject(5, now);
                ps.setObject(6, now);
                return ps.executeUpdate();
            }
        });
        return inserted > 0 ? new ResidentInfo(code, channelKey, userId, stored, null) : null;
    }
}
