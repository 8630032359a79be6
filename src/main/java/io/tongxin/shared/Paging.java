package io.tongxin.shared;

/**
 * A page of a list as services see it: {@code page} counts from 0 up to {@link #MAX_PAGE}, {@code size}
 * rows a page (1 to {@link #MAX_SIZE}). Resources build it from the {@link PageRequest} query parameters
 * (web types stay in resources); an out-of-range page is refused here too, so no caller can reach an
 * offset the database cannot take.
 */
public record Paging(int page, int size) {

    /** The last page any list serves: {@code MAX_PAGE * MAX_SIZE} stays well inside an int offset. */
    public static final int MAX_PAGE = 100_000;

    public static final int MAX_SIZE = 500;

    public Paging {
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.invalidField("page", "must be from 0 to " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalidField("size", "must be from 1 to " + MAX_SIZE);
        }
    }

    /** The first row of this page; a long so no page number overflows it. */
    public long offset() {
        return (long) page * size;
    }
}
