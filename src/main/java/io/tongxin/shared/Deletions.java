package io.tongxin.shared;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.PersistenceException;
import java.util.Locale;

/**
 * Deletes an entity whose dependents are guarded by foreign keys. The database decides (so the rule
 * holds across instances and races); a refused delete becomes a 409 naming what still refers to it.
 */
public final class Deletions {

    private Deletions() {}

    public static void deleteOrConflict(PanacheEntityBase entity, String what, String code) {
        try {
            entity.delete();
            io.quarkus.hibernate.orm.panache.Panache.getEntityManager().flush();
        } catch (PersistenceException e) {
            Throwable c = e;
            while (c != null && !(c instanceof org.hibernate.exception.ConstraintViolationException)) {
                c = c.getCause();
            }
            if (c == null) {
                throw e;
            }
            String constraint = ((org.hibernate.exception.ConstraintViolationException) c).getConstraintName();
            throw ProblemException.conflict(
                    what + " '" + code + "' cannot be deleted: " + referrer(constraint) + " still refer to it");
        }
    }

    /** Foreign keys are named {@code fk_<referring table>__<referenced>}; this turns that into words. */
    static String referrer(String constraint) {
        if (constraint == null) {
            return "other records";
        }
        String c = constraint.toLowerCase(Locale.ROOT);
        int dot = c.lastIndexOf('.');
        if (dot >= 0) {
            c = c.substring(dot + 1);
        }
        if (c.startsWith("fk_") && c.contains("__")) {
            return c.substring(3, c.indexOf("__")).replace('_', ' ') + " records";
        }
        return "other records";
    }
}
