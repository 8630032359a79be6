package io.tongxin.report;

import com.fasterxml.jackson.annotation.JsonValue;
import io.tongxin.shared.DomainException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the opinion report's items are: one for everything, or one per member, workstation, ... */
public enum Grouping {
    /** One item for all opinions of the period. */
    OVERALL,
    /** Per current assignee. */
    MEMBER,
    /** Per workstation the opinion was filed under. */
    WORKSTATION,
    /** Per community the opinion was filed under. */
    COMMUNITY,
    /** Per sector (界别) of the current assignee. */
    SECTOR,
    /** Per dictionary category. */
    CATEGORY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The query parameter {@code by}; missing means {@link #OVERALL}. */
    public static Grouping parse(String by) {
        if (by == null || by.isBlank()) {
            return OVERALL;
        }
        for (Grouping g : values()) {
            if (g.wire().equals(by.strip())) {
                return g;
            }
        }
        throw DomainException.invalidField(
                "by",
                "must be one of "
                        + Arrays.stream(values()).map(Grouping::wire).collect(Collectors.joining(", ")) + ", not '"
                        + by + "'");
    }
}
