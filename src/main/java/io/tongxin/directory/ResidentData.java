package io.tongxin.directory;

import io.tongxin.audit.Audit;
import io.tongxin.shared.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resident's rights under the Personal Information Protection Law: the export of everything
 * Tongxin holds about them (第四十五条, access and copy) and its erasure (第四十七条, deletion), each
 * gathered from every feature's {@link PersonalData} and audited. The export is the person's own copy:
 * their phone is in it in clear; only admins may ask for it.
 */
@ApplicationScoped
public class ResidentData {

    /** The answer of an erasure: how many rows each part changed (all 0 when repeated). */
    public record Erased(String code, Instant erasedAt, Map<String, Integer> changed) {}

    @Inject
    ResidentService residents;

    @Inject
    @Any
    Instance<PersonalData> parts;

    @Inject
    Audit audit;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Transactional
    public Map<String, Object> export(String code) {
        Resident r = residents.require(code);
        PersonalData.Person person = person(r);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", r.code);
        out.put("exportedAt", clock.instant());
        out.put("displayName", r.displayName);
        out.put("phone", r.phone);
        out.put(
                "identities",
                r.channelKey == null ? List.of() : List.of(Map.of("channelKey", r.channelKey, "userId", r.userId)));
        out.put(
                "pairings",
                PersonalData.rows(
                        em,
                        "select code as \"code\", member_code as \"memberCode\" from pairing where resident_code = ?1"
                                + " order by code",
                        r.code));
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PersonalData part : ordered()) {
            List<Map<String, Object>> rows = part.export(person);
            out.put(part.part(), rows);
            counts.put(part.part(), rows.size());
        }
        audit.changed("resident.export", "resident", r.code, null, counts);
        return out;
    }

    @Transactional
    public Erased erase(String code) {
        Resident r = residents.require(code);
        PersonalData.Person person = person(r);
        Map<String, Integer> changed = new LinkedHashMap<>();
        for (PersonalData part : ordered()) {
            changed.put(part.part(), part.erase(person));
        }
        int self = r.displayName != null || r.phone != null || r.channelKey != null ? 1 : 0;
        r.displayName = null;
        r.phone = null;
        r.channelKey = null;
        r.userId = null;
        r.updatedAt = clock.instant();
        changed.put("resident", self);
        changed.put(
                "audit",
                audit.forgetResident(person.channelKey(), person.userId()) + audit.forgetSubject("resident", r.code));
        audit.changed("resident.erase", "resident", r.code, null, changed);
        return new Erased(r.code, clock.instant(), changed);
    }

    private List<PersonalData> ordered() {
        List<PersonalData> all = new ArrayList<>();
        parts.forEach(all::add);
        all.sort(Comparator.comparing(PersonalData::part));
        return all;
    }

    private static PersonalData.Person person(Resident r) {
        return new PersonalData.Person(r.code, r.channelKey, r.userId, r.displayName, r.phone);
    }
}
