package io.tongxin.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Creates a resident for a new platform identity: insert-or-get, so two messages of one new sender
 * processed at once (on one instance or two) never fail a transaction. The insert is
 * {@code INSERT ... ON CONFLICT DO NOTHING}: the loser of a race waits for the winner's short
 * transaction (its own, committed at once) and inserts nothing; the caller then reads the winner's row.
 */
@ApplicationScoped
class ResidentRegistrar {

    private static final String INSERT = "insert into resident (code, channel_key, user_id, display_name,"
            + " created_at, updated_at, version) values (?1, ?2, ?3, ?4, ?5, ?5, 0) on conflict do nothing";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Inserts the resident unless the identity has one already; true if this call created it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean register(String channelKey, String userId, String displayName) {
        String name = Violations.strip(displayName);
        if (name != null && name.length() > 100) {
            name = name.substring(0, 100);
        }
        Instant now = clock.instant();
        return em.createNativeQuery(INSERT)
                        .setParameter(1, ResidentService.newCode())
                        .setParameter(2, channelKey)
                        .setParameter(3, userId)
                        .setParameter(4, name)
                        .setParameter(5, now)
                        .executeUpdate()
                > 0;
    }
}
