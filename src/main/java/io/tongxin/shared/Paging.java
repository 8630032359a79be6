package io.tongxin.shared;

/**
 * A page of a list as services see it: {@code page} counts from 0, {@code size} rows a page. Resources
 * build it from the {@link PageRequest} query parameters (web types stay in resources).
 */
public record Paging(int page, int size) {

    /** The first row of this page; a long so no page number overflows it. */
    public long offset() {
        return (long) page * size;
    }
}
