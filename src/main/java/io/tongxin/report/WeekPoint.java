package io.tongxin.report;

import java.time.LocalDate;

/**
 * One week of the trend: opinions filed that week, and opinions whose resolution falls in that week
 * (weeks start on Monday in {@code tongxin.zone}; the first and last week are cut to the period).
 */
public record WeekPoint(LocalDate weekStart, long filed, long resolved) {}
