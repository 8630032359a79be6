package io.tongxin.media;

import io.tongxin.shared.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * The photos, voice messages and locations a resident sent (listed, not their bytes: those are at
 * {@code GET /api/opinions/{number}/attachments/{id}}). Erasure deletes them, bytes and all.
 */
@ApplicationScoped
public class MediaPersonalData implements PersonalData {

    @Inject
    EntityManager em;

    @Override
    public String part() {
        return "media";
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Map<String, Object>> export(Person p) {
        if (!p.hasIdentity()) {
            return List.of();
        }
        return PersonalData.rows(
                em,
                "select id as \"id\", kind as \"kind\", status as \"status\", mime as \"mime\","
                        + " size_bytes as \"sizeBytes\", recognition as \"recognition\", latitude as \"latitude\","
                        + " longitude as \"longitude\", label as \"label\", received_at as \"receivedAt\","
                        + " opinion_id as \"opinionId\" from media_item"
                        + " where channel_key = ?1 and sender_id = ?2 order by id",
                p.channelKey(),
                p.userId());
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int erase(Person p) {
        if (!p.hasIdentity()) {
            return 0;
        }
        return em.createNativeQuery("delete from media_item where channel_key = ?1 and sender_id = ?2")
                .setParameter(1, p.channelKey())
                .setParameter(2, p.userId())
                .executeUpdate();
    }
}
