package io.tongxin.dashboard;

import io.tongxin.report.OpinionReport;
import java.util.Comparator;
import java.util.Map;

/** How the workstation and member tables sort by a column (an unknown rate or average sorts lowest). */
final class TableSort {

    private static final Comparator<Double> NULL_LOW = Comparator.nullsFirst(Comparator.naturalOrder());

    private static final Map<String, Comparator<OpinionReport.Item>> BY = Map.ofEntries(
            Map.entry("name", Comparator.comparing(i -> i.name() == null ? "" : i.name())),
            Map.entry("filed", Comparator.comparingLong(OpinionReport.Item::filed)),
            Map.entry("assigned", Comparator.comparingLong(OpinionReport.Item::assigned)),
            Map.entry("acknowledgedInTime", Comparator.comparingLong(OpinionReport.Item::acknowledgedInTime)),
            Map.entry("resolved", Comparator.comparingLong(OpinionReport.Item::resolved)),
            Map.entry("responseRate", Comparator.comparing(OpinionReport.Item::responseRate, NULL_LOW)),
            Map.entry("resolutionRate", Comparator.comparing(OpinionReport.Item::resolutionRate, NULL_LOW)),
            Map.entry("satisfactionRate", Comparator.comparing(OpinionReport.Item::satisfactionRate, NULL_LOW)),
            Map.entry("avgAckHours", Comparator.comparing(OpinionReport.Item::avgAckHours, NULL_LOW)),
            Map.entry("avgResolveHours", Comparator.comparing(OpinionReport.Item::avgResolveHours, NULL_LOW)),
            Map.entry("backlog", Comparator.comparingLong(OpinionReport.Item::backlog)),
            Map.entry("overdue", Comparator.comparingLong(OpinionReport.Item::overdue)));

    private TableSort() {}

    /** The order of {@code column}, ascending; the caller has checked the column exists. */
    static Comparator<OpinionReport.Item> by(String column) {
        return BY.get(column);
    }
}
