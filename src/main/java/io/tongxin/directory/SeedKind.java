package io.tongxin.directory;

/**
 * A kind of seed record another feature contributes to the seed files, so that feature's demo data
 * lives in the same {@code seeds/} files without the directory depending on it (e.g. the opinion
 * feature's {@code categorySectors}: which sectors fit each keyword-dictionary category). An
 * {@code @ApplicationScoped} bean implementing this is picked up by the seed importer: its records
 * are read and validated (Bean Validation) with everything else, then applied after every
 * directory kind, in the import's single transaction, in kind order.
 */
public interface SeedKind {

    /** What applying one record did. */
    enum Applied {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /** The key in a seed file (lowerCamelCase, distinct from the directory's own kinds). */
    String key();

    /** The record type a list entry is read as (unknown fields are refused). */
    Class<?> type();

    /**
     * Applies one record idempotently: a record already in effect answers {@link Applied#UNCHANGED}
     * and writes nothing. A bad reference throws a {@code ProblemException} whose violations name
     * the record's fields; the import then fails with the file and line and changes nothing.
     */
    Applied apply(Object record);
}
