package io.tongxin.inbox;

import io.tongxin.shared.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * The messages a resident sent (the inbox keeps them until {@code tongxin.inbox.keep-processed}).
 * Erasure replaces their text, raw payload and the bot's reply, forgets the sender's name and
 * identity; the row stays (its status, times) until the inbox purge removes it.
 */
@ApplicationScoped
public class InboxPersonalData implements PersonalData {

    @Inject
    EntityManager em;

    @Override
    public String part() {
        return "messages";
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Map<String, Object>> export(Person p) {
        if (!p.hasIdentity()) {
            return List.of();
        }
        return PersonalData.rows(
                em,
                "select id as \"id\", received_at as \"receivedAt\", kind as \"kind\", chat_id as \"chatId\","
                        + " sender_name as \"senderName\", text as \"text\", reply as \"botReply\" from inbox_message"
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
        return em.createNativeQuery("update inbox_message set text = case when text is null then null else ?3 end,"
                        + " raw = ?3, reply = null, sender_name = null, sender_id = 'erased', mentions = '',"
                        + " response_url = null where channel_key = ?1 and sender_id = ?2")
                .setParameter(1, p.channelKey())
                .setParameter(2, p.userId())
                .setParameter(3, ERASED)
                .executeUpdate();
    }
}
