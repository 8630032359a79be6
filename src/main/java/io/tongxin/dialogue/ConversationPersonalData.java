package io.tongxin.dialogue;

import io.tongxin.shared.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/** A resident's open bot conversations (a guided report half-way: the answers given so far). Erasure deletes them. */
@ApplicationScoped
public class ConversationPersonalData implements PersonalData {

    @Inject
    EntityManager em;

    @Override
    public String part() {
        return "conversations";
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Map<String, Object>> export(Person p) {
        if (!p.hasIdentity()) {
            return List.of();
        }
        return PersonalData.rows(
                em,
                "select chat_id as \"chatId\", script_id as \"script\", step as \"step\", slots as \"answers\","
                        + " updated_at as \"updatedAt\", expires_at as \"expiresAt\" from bot_conversation"
                        + " where channel_key = ?1 and user_id = ?2 and sandbox = false order by id",
                p.channelKey(),
                p.userId());
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int erase(Person p) {
        if (!p.hasIdentity()) {
            return 0;
        }
        return em.createNativeQuery("delete from bot_conversation where channel_key = ?1 and user_id = ?2")
                .setParameter(1, p.channelKey())
                .setParameter(2, p.userId())
                .executeUpdate();
    }
}
