package io.tongxin.directory;

/** What an idempotent upsert did to one record. */
enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED;

    /** Combines two steps applied to the same record (e.g. a workstation and then its head). */
    Outcome and(Outcome next) {
        if (this == CREATED || next == CREATED) {
            return CREATED;
        }
        return this == UPDATED || next == UPDATED ? UPDATED : UNCHANGED;
    }
}
