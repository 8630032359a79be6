package io.tongxin.shared;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.TupleElement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feature that holds residents' personal data, for their rights under the Personal Information
 * Protection Law (个人信息保护法): every bean implementing it contributes its part to a resident's data
 * export ({@code GET /api/residents/{code}/data}) and removes it on erasure
 * ({@code POST /api/residents/{code}/erase}). Both run in the caller's transaction. Erasure keeps the
 * rows that reports count (an opinion's status, category, community, times) and removes what names or
 * reaches the person: names, phones, platform identities, the texts they wrote.
 */
public interface PersonalData {

    /** The text an erased text is replaced with. */
    String ERASED = "[已删除]";

    /**
     * Whose data: the resident's code, their platform identity, name and phone on record (each null when
     * unknown). {@link #words} are what may appear in other people's texts about them (their name and
     * phone), replaced by {@link #ERASED} there on erasure.
     */
    record Person(String residentCode, String channelKey, String userId, String displayName, String phone) {

        public boolean hasIdentity() {
            return channelKey != null && userId != null;
        }

        /** The channel key, or a value no row has (so queries need no null parameters). */
        public String channelOrNone() {
            return channelKey == null ? "" : channelKey;
        }

        /** The platform user id, or a value no row has. */
        public String userOrNone() {
            return userId == null ? "" : userId;
        }

        /** The name (two characters or more) and phone, for replacing in texts others wrote. */
        public List<String> words() {
            List<String> w = new ArrayList<>();
            if (displayName != null && displayName.strip().length() >= 2) {
                w.add(displayName.strip());
            }
            if (phone != null && phone.strip().length() >= 5) {
                w.add(phone.strip());
            }
            return w;
        }
    }

    /** The part's name in the export ({@code opinions}, {@code messages}, ...). */
    String part();

    /** What this feature holds about the person, in clear (the export is their own copy). */
    List<Map<String, Object>> export(Person person);

    /** Removes the person's personal data; returns how many rows changed (0 the second time). */
    int erase(Person person);

    /**
     * The rows of a native query as maps from column alias (as written in {@code sql}'s select list,
     * lowercase) to value; times as {@link Instant}s. For the features' {@link #export}s.
     */
    static List<Map<String, Object>> rows(EntityManager em, String sql, Object... params) {
        var q = em.createNativeQuery(sql, Tuple.class);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Tuple t = (Tuple) o;
            Map<String, Object> row = new LinkedHashMap<>();
            for (TupleElement<?> e : t.getElements()) {
                row.put(e.getAlias(), plain(t.get(e)));
            }
            out.add(row);
        }
        return out;
    }

    private static Object plain(Object v) {
        if (v instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (v instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (v instanceof java.time.ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        if (v instanceof java.sql.Clob || v instanceof byte[]) {
            return null;
        }
        return v;
    }
}
