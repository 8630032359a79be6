package io.tongxin.opinion;

import io.tongxin.outbox.Origin;
import io.tongxin.outbox.OutboxPersonalData;
import io.tongxin.shared.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * The opinions a resident filed (by their resident code or chat identity), with their history and the
 * posts merged into them. Erasure replaces the texts they wrote (the opinion's text and title, its
 * sources) with {@link #ERASED}, forgets the reporter's name, phone, identity and code, and replaces
 * their name and phone where members wrote them (history notes, resolution, report); the opinion row,
 * its status, category, community, assignee and times stay, so the reports count it as before.
 */
@ApplicationScoped
public class OpinionPersonalData implements PersonalData {

    private static final String MINE =
            " where o.reporter_code = ?1 or (o.reporter_channel_key = ?2 and o.reporter_user_id = ?3)";

    @Inject
    EntityManager em;

    @Inject
    OutboxPersonalData outbox;

    @Override
    public String part() {
        return "opinions";
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Map<String, Object>> export(Person p) {
        List<Map<String, Object>> opinions = PersonalData.rows(
                em,
                "select o.id as \"id\", o.number as \"number\", o.status as \"status\", o.title as \"title\","
                        + " o.text as \"text\", o.category_name as \"category\", o.community_code as \"communityCode\","
                        + " o.reporter_name as \"reporterName\", o.reporter_phone as \"reporterPhone\","
                        + " o.assignee_name as \"assignee\", o.resolution as \"resolution\","
                        + " o.satisfaction as \"satisfaction\", o.created_at as \"createdAt\","
                        + " o.resolved_at as \"resolvedAt\", o.closed_at as \"closedAt\" from opinion o"
                        + MINE + " order by o.id",
                p.residentCode(),
                p.channelOrNone(),
                p.userOrNone());
        for (Map<String, Object> o : opinions) {
            Object id = o.remove("id");
            o.put(
                    "history",
                    PersonalData.rows(
                            em,
                            "select type as \"type\", actor as \"actor\", at as \"at\", note as \"note\""
                                    + " from opinion_event where opinion_id = ?1 order by at, id",
                            id));
            o.put(
                    "sources",
                    PersonalData.rows(
                            em,
                            "select origin_number as \"originNumber\", text as \"text\", received_at as \"receivedAt\""
                                    + " from opinion_source where opinion_id = ?1 order by received_at, id",
                            id));
        }
        return opinions;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int erase(Person p) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select o.id, o.number from opinion o" + MINE)
                .setParameter(1, p.residentCode())
                .setParameter(2, p.channelOrNone())
                .setParameter(3, p.userOrNone())
                .getResultList();
        List<Number> ids = rows.stream().map(r -> (Number) r[0]).toList();
        int notices = 0;
        for (Object[] r : rows) {
            // the notices about the opinion quote the resident's words (the assignee's, the reporter's)
            notices += outbox.eraseAbout(Origin.of("opinion", (String) r[1]));
        }
        int changed = em.createNativeQuery("update opinion_source set text = ?3, user_id = null, chat_id = null"
                        + " where channel_key = ?1 and user_id = ?2")
                .setParameter(1, p.channelOrNone())
                .setParameter(2, p.userOrNone())
                .setParameter(3, ERASED)
                .executeUpdate();
        for (Number id : ids) {
            changed += em.createNativeQuery("update opinion_source set text = ?2, user_id = null, chat_id = null"
                            + " where opinion_id = ?1 and text <> ?2")
                    .setParameter(1, id.longValue())
                    .setParameter(2, ERASED)
                    .executeUpdate();
            for (String word : p.words()) {
                em.createNativeQuery("update opinion_event set note = replace(note, ?2, ?3)"
                                + " where opinion_id = ?1 and note like ?4")
                        .setParameter(1, id.longValue())
                        .setParameter(2, word)
                        .setParameter(3, ERASED)
                        .setParameter(4, "%" + word + "%")
                        .executeUpdate();
                em.createNativeQuery("update opinion set resolution = replace(resolution, ?2, ?3),"
                                + " report_summary = replace(report_summary, ?2, ?3) where id = ?1")
                        .setParameter(1, id.longValue())
                        .setParameter(2, word)
                        .setParameter(3, ERASED)
                        .executeUpdate();
            }
        }
        changed += em.createNativeQuery("update opinion o set text = ?4, title = ?4, reporter_name = null,"
                        + " reporter_phone = null, reporter_user_id = null, reporter_chat_id = null,"
                        + " reporter_channel_key = null, reporter_code = null" + MINE)
                .setParameter(1, p.residentCode())
                .setParameter(2, p.channelOrNone())
                .setParameter(3, p.userOrNone())
                .setParameter(4, ERASED)
                .executeUpdate();
        return changed + notices;
    }
}
