package io.tongxin.event;

import io.tongxin.directory.CommunityInfo;
import io.tongxin.directory.Directory;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Completion certificates of a class ({@code tongxin.event.certificate-share} of its scheduled
 * sessions attended, default 0.8: 4 of 5).
 */
@ApplicationScoped
public class Certificates {

    @Inject
    EventConfig config;

    @Inject
    Directory directory;

    @Transactional
    public CertificateList of(String eventCode) {
        Event event = RegistrationQueries.event(eventCode);
        if (event.kind != EventKind.CLASS) {
            throw DomainException.conflict(
                    "event '" + event.code + "' is a " + event.kind.wire() + ": certificates are given for classes");
        }
        List<Long> scheduled = event.scheduledSessions().stream().map(s -> s.id).toList();
        double share = config.certificateShare();
        int required = required(scheduled.size(), share);
        List<CertificateList.Certificate> items = new ArrayList<>();
        if (!scheduled.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Registration.getEntityManager()
                    .createNativeQuery("select r.code, r.participant_name, r.community_code, count(a.session_id)"
                            + " from event_registration r join event_attendance a on a.registration_id = r.id"
                            + " where r.event_id = ?1 and r.status = 'registered' and a.session_id in (?2)"
                            + " group by r.id, r.code, r.participant_name, r.community_code"
                            + " having count(a.session_id) >= ?3 order by r.community_code, r.id")
                    .setParameter(1, event.id)
                    .setParameter(2, scheduled)
                    .setParameter(3, required)
                    .getResultList();
            Map<String, String> names = new HashMap<>();
            for (Object[] row : rows) {
                String community = (String) row[2];
                String communityName = community == null
                        ? null
                        : names.computeIfAbsent(
                                community,
                                c -> directory
                                        .findCommunity(c)
                                        .map(CommunityInfo::name)
                                        .orElse(null));
                items.add(new CertificateList.Certificate(
                        (String) row[0],
                        Phones.maskText((String) row[1]),
                        community,
                        communityName,
                        ((Number) row[3]).intValue()));
            }
        }
        return new CertificateList(
                event.code, event.title, scheduled.size(), share, required, List.copyOf(items), items.size());
    }

    /** The fewest sessions of {@code sessions} that make {@code share}; at least one. */
    static int required(int sessions, double share) {
        // a little slack so 0.8 of 5 is 4, not 5 by a rounding error
        return Math.max(1, (int) Math.ceil(sessions * share - 1e-9));
    }
}
