package io.tongxin.report;

import java.time.LocalDate;
import java.util.List;

/**
 * Opinion figures for the cohort of opinions filed in a period, one item per group (docs/reports.md
 * defines every field).
 */
public record OpinionReport(LocalDate from, LocalDate to, Grouping by, List<Item> items) {

    /**
     * One group's figures. Counts are of the group's opinions filed in the period; rates are fractions
     * 0..1, null when their denominator is 0; averages are hours, null when nothing was measured.
     */
    public record Item(
            String key,
            String name,
            long filed,
            long assigned,
            long acknowledgedInTime,
            long resolved,
            long rated,
            long satisfied,
            Double responseRate,
            Double resolutionRate,
            Double satisfactionRate,
            Double avgAckHours,
            Double avgResolveHours,
            long backlog,
            long overdue,
            long reportedUpward,
            long adopted) {}
}
