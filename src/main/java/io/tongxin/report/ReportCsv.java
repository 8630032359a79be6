package io.tongxin.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The reports as spreadsheets: UTF-8 with a BOM (so Excel reads the Chinese), one header row with the
 * JSON field names, one row per item; numbers in plain decimal notation, nulls as empty cells.
 */
public final class ReportCsv {

    static final String[] OPINION_HEADER = {
        "key",
        "name",
        "filed",
        "assigned",
        "acknowledgedInTime",
        "resolved",
        "rated",
        "satisfied",
        "responseRate",
        "resolutionRate",
        "satisfactionRate",
        "avgAckHours",
        "avgResolveHours",
        "backlog",
        "overdue",
        "reportedUpward",
        "adopted"
    };

    static final String[] EVENT_HEADER = {
        "code",
        "title",
        "kind",
        "status",
        "startsAt",
        "invitationsSent",
        "membersInvited",
        "membersAttending",
        "membersOnLeave",
        "membersPending",
        "workstationsConfirmed",
        "workstationsNotConfirmed",
        "councilsConfirmed",
        "councilsNotConfirmed",
        "capacity",
        "registered",
        "waitlisted",
        "cancelled",
        "communities",
        "sessions",
        "certificates"
    };

    static final String[] DELIVERY_HEADER = {
        "key", "name", "type", "total", "sent", "dead", "pending", "retried", "medianDelaySeconds", "p95DelaySeconds"
    };

    static final String[] WEEK_HEADER = {"weekStart", "filed", "resolved"};

    private ReportCsv() {}

    public static byte[] opinions(OpinionReport report) {
        return write(
                OPINION_HEADER,
                report.items().stream()
                        .map(i -> List.<Object>of(
                                nn(i.key()),
                                nn(i.name()),
                                i.filed(),
                                i.assigned(),
                                i.acknowledgedInTime(),
                                i.resolved(),
                                i.rated(),
                                i.satisfied(),
                                nn(i.responseRate()),
                                nn(i.resolutionRate()),
                                nn(i.satisfactionRate()),
                                nn(i.avgAckHours()),
                                nn(i.avgResolveHours()),
                                i.backlog(),
                                i.overdue(),
                                i.reportedUpward(),
                                i.adopted()))
                        .toList());
    }

    /**
     * One row per event; the per-community and per-session lists are one cell each:
     * {@code code name registered/quota (+waitlisted)}; {@code number: attended} joined by {@code "; "}.
     */
    public static byte[] events(EventReport report) {
        return write(
                EVENT_HEADER,
                report.items().stream()
                        .map(i -> List.<Object>of(
                                i.code(),
                                i.title(),
                                i.kind(),
                                i.status(),
                                nn(i.startsAt()),
                                i.invitationsSent(),
                                i.membersInvited(),
                                i.membersAttending(),
                                i.membersOnLeave(),
                                i.membersPending(),
                                i.workstationsConfirmed(),
                                i.workstationsNotConfirmed(),
                                i.councilsConfirmed(),
                                i.councilsNotConfirmed(),
                                i.capacity(),
                                i.registered(),
                                i.waitlisted(),
                                i.cancelled(),
                                i.communities().stream()
                                        .map(c -> (c.code() == null ? "-" : c.code())
                                                + (c.name() == null ? "" : " " + c.name()) + " " + c.registered()
                                                + "/" + (c.quota() == null ? "-" : c.quota())
                                                + (c.waitlisted() > 0 ? " (+" + c.waitlisted() + ")" : ""))
                                        .collect(Collectors.joining("; ")),
                                i.sessions().stream()
                                        .map(s -> s.number() + ": " + s.attended())
                                        .collect(Collectors.joining("; ")),
                                nn(i.certificates())))
                        .toList());
    }

    public static byte[] delivery(DeliveryReport report) {
        return write(
                DELIVERY_HEADER,
                report.items().stream()
                        .map(i -> List.<Object>of(
                                i.key(),
                                nn(i.name()),
                                nn(i.type()),
                                i.total(),
                                i.sent(),
                                i.dead(),
                                i.pending(),
                                i.retried(),
                                nn(i.medianDelaySeconds()),
                                nn(i.p95DelaySeconds())))
                        .toList());
    }

    public static byte[] weekly(List<WeekPoint> points) {
        return write(
                WEEK_HEADER,
                points.stream()
                        .map(p -> List.<Object>of(p.weekStart(), p.filed(), p.resolved()))
                        .toList());
    }

    /** Null as the empty cell; doubles in plain notation (never 1.0E-4). */
    private static Object nn(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return v;
    }

    private static byte[] write(String[] header, List<List<Object>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write('\uFEFF'); // before the header row, which the printer writes when it is created
            CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header).get().print(w);
            for (List<Object> row : rows) {
                csv.printRecord(row);
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
