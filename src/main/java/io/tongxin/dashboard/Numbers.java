package io.tongxin.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How the dashboard writes the API's numbers: a rate (a fraction 0..1) as a percentage with one
 * decimal, hours with one decimal, "—" where the API says null (no denominator). The raw value goes
 * into the page too ({@code data-value}), exactly as the API's JSON has it.
 */
final class Numbers {

    static final String NONE = "—";

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Numbers() {}

    static String percent(Double fraction) {
        if (fraction == null) {
            return NONE;
        }
        return BigDecimal.valueOf(fraction * 100)
                        .setScale(1, RoundingMode.HALF_UP)
                        .toPlainString() + "%";
    }

    static String decimal(Double hours) {
        if (hours == null) {
            return NONE;
        }
        return BigDecimal.valueOf(hours).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** The raw value for {@code data-value}: what the API's JSON says ("" for null). */
    static String raw(Number n) {
        return n == null ? "" : String.valueOf(n);
    }

    static String minute(Instant at, ZoneId zone) {
        return at == null ? "" : MINUTE.format(at.atZone(zone));
    }
}
