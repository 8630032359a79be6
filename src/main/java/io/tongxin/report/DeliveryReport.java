package io.tongxin.report;

import java.time.LocalDate;
import java.util.List;

/** The operators' view of the outbox: messages created in a period, per channel. */
public record DeliveryReport(LocalDate from, LocalDate to, List<Item> items) {

    /** One channel (docs/reports.md defines every field); delays in seconds, null when nothing was sent. */
    public record Item(
            String key,
            String name,
            String type,
            long total,
            long sent,
            long dead,
            long pending,
            long retried,
            Double medianDelaySeconds,
            Double p95DelaySeconds) {}
}
