package io.tongxin.opinion;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Opinion numbers: the year (in the deployment's zone) and a database sequence shared by every
 * instance, {@code 2026-000123}. The sequence never restarts, so numbers stay unique across years.
 */
@ApplicationScoped
class OpinionNumbers {

    @Inject
    EntityManager em;

    @Inject
    ZoneId zone;

    String next(Instant now) {
        // a sequence, not a table the caller's transaction writes: no flush of its pending writes first
        long n = ((Number) em.createNativeQuery("select nextval('opinion_number_seq')")
                        .setFlushMode(FlushModeType.COMMIT)
                        .getSingleResult())
                .longValue();
        return format(now.atZone(zone).getYear(), n);
    }

    /** {@code 2026-000123}: the year, a dash and the number with at least six digits (no String.format per opinion). */
    static String format(int year, long n) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder(11 + digits.length()).append(year).append('-');
        for (int i = digits.length(); i < 6; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }
}
