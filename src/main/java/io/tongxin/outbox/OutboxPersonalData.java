package io.tongxin.outbox;

import io.tongxin.shared.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * What the service sent a resident directly (kept until the outbox purge). Erasure replaces those
 * messages' texts, and the resident's name and phone in every other message (a member's assignment
 * notice names the reporter).
 */
@ApplicationScoped
public class OutboxPersonalData implements PersonalData {

    @Inject
    EntityManager em;

    @Override
    public String part() {
        return "sentToThem";
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Map<String, Object>> export(Person p) {
        if (!p.hasIdentity()) {
            return List.of();
        }
        return PersonalData.rows(
                em,
                "select id as \"id\", created_at as \"createdAt\", status as \"status\", body as \"text\","
                        + " sent_at as \"sentAt\" from outbox_message"
                        + " where channel_key = ?1 and target_kind = 'user' and target_id = ?2 order by id",
                p.channelKey(),
                p.userId());
    }

    /**
     * Replaces the texts of every message sent about one thing (an erased resident's opinion: the
     * assignee's notice quotes the concern). Returns how many changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int eraseAbout(Origin origin) {
        return em.createNativeQuery("update outbox_message set body = ?3"
                        + " where origin_type = ?1 and origin_id = ?2 and body <> ?3")
                .setParameter(1, origin.type())
                .setParameter(2, origin.id())
                .setParameter(3, ERASED)
                .executeUpdate();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int erase(Person p) {
        int changed = 0;
        if (p.hasIdentity()) {
            changed += em.createNativeQuery("update outbox_message set body = ?3 where channel_key = ?1"
                            + " and target_kind = 'user' and target_id = ?2 and body <> ?3")
                    .setParameter(1, p.channelKey())
                    .setParameter(2, p.userId())
                    .setParameter(3, ERASED)
                    .executeUpdate();
        }
        for (String word : p.words()) {
            changed += em.createNativeQuery("update outbox_message set body = replace(body, ?1, ?2) where body like ?3")
                    .setParameter(1, word)
                    .setParameter(2, ERASED)
                    .setParameter(3, "%" + word + "%")
                    .executeUpdate();
        }
        return changed;
    }
}
