package io.tongxin.event;

import io.tongxin.shared.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * A resident's event registrations (signed up from their chat identity, or for their resident code).
 * Erasure replaces the participant's name and forgets age, note and identity; the registration, its
 * status and attendance stay, so the event figures still count it.
 */
@ApplicationScoped
public class RegistrationPersonalData implements PersonalData {

    private static final String MINE = " where (r.resident_code = ?1 or (r.channel_key = ?2 and r.user_id = ?3))";

    @Inject
    EntityManager em;

    @Override
    public String part() {
        return "registrations";
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Map<String, Object>> export(Person p) {
        return PersonalData.rows(
                em,
                "select e.code as \"eventCode\", e.title as \"eventTitle\", r.code as \"code\","
                        + " r.participant_name as \"participantName\", r.community_code as \"communityCode\","
                        + " r.age as \"age\", r.note as \"note\", r.status as \"status\", r.created_at as \"createdAt\","
                        + " r.cancelled_at as \"cancelledAt\" from event_registration r join event e on e.id = r.event_id"
                        + MINE + " order by r.id",
                p.residentCode(),
                p.channelOrNone(),
                p.userOrNone());
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int erase(Person p) {
        return em.createNativeQuery("update event_registration r set participant_name = ?4, age = null,"
                        + " note = null, resident_code = null, channel_key = null, user_id = null, chat_id = null"
                        + MINE)
                .setParameter(1, p.residentCode())
                .setParameter(2, p.channelOrNone())
                .setParameter(3, p.userOrNone())
                .setParameter(4, ERASED)
                .executeUpdate();
    }
}
