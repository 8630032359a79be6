package io.tongxin.directory;

import java.util.List;
import java.util.Map;

/**
 * What a seed import did: the files read and, per kind in import order, how many records were
 * created, updated or already up to date. A second import of the same files reports 0 created and
 * 0 updated.
 */
public record SeedReport(List<String> files, Map<String, Counts> kinds, int created, int updated, int unchanged) {

    /** Counts for one kind. */
    public record Counts(int created, int updated, int unchanged) {}
}
