package io.tongxin.dashboard;

import io.quarkus.qute.TemplateData;

/** One number on a page: {@code id} names it for the browser test ({@code data-testid}). */
@TemplateData
public record Figure(String id, String label, String text, String value, boolean warn) {

    /** A fraction shown as a percentage. */
    static Figure rate(String id, String label, Double fraction) {
        return new Figure(id, label, Numbers.percent(fraction), Numbers.raw(fraction), false);
    }

    static Figure count(String id, String label, long n, boolean warn) {
        return new Figure(id, label, String.valueOf(n), String.valueOf(n), warn);
    }

    static Figure hours(String id, String label, Double h) {
        return new Figure(id, label, Numbers.decimal(h), Numbers.raw(h), false);
    }

    static Figure seconds(String id, String label, Double s) {
        return new Figure(id, label, Numbers.decimal(s), Numbers.raw(s), false);
    }
}
