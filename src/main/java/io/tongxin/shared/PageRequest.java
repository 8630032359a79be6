package io.tongxin.shared;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * Paging for list endpoints: {@code page} counts from 0 (at most {@link Paging#MAX_PAGE}), {@code size}
 * defaults to 50 (at most 500). Used as a {@code @BeanParam}; a value that is not a whole number is
 * refused with a 400 naming the parameter ({@link QueryParameterConverters}).
 */
public class PageRequest {

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    @Max(value = Paging.MAX_PAGE, message = "must be at most " + Paging.MAX_PAGE)
    public int page;

    @QueryParam("size")
    @DefaultValue("50")
    @Min(value = 1, message = "must be at least 1")
    @Max(value = Paging.MAX_SIZE, message = "must be at most " + Paging.MAX_SIZE)
    public int size;

    /** The page as services take it. */
    public Paging paging() {
        return new Paging(page, size);
    }

    public static PageRequest of(int page, int size) {
        PageRequest p = new PageRequest();
        p.page = page;
        p.size = size;
        return p;
    }
}
