package io.tongxin.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Creates a resident for a new platform identity in a transaction of its own, so that losing a
 * creation race (the unique identity constraint) does not doom the caller's transaction.
 */
@ApplicationScoped
class ResidentRegistrar {

    @Inject
    ResidentService residents;

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void register(String channelKey, String userId, String displayName) {
        String name = Violations.strip(displayName);
        if (name != null && name.length() > 100) {
            name = name.substring(0, 100);
        }
        residents.create(new ResidentDto(ResidentService.newCode(), channelKey, userId, name, null));
        em.flush();
    }
}
