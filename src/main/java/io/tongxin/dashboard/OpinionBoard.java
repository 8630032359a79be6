package io.tongxin.dashboard;

import io.quarkus.qute.TemplateData;
import io.tongxin.directory.CommunityInfo;
import io.tongxin.directory.Directory;
import io.tongxin.opinion.Actor;
import io.tongxin.opinion.OpinionQueries;
import io.tongxin.opinion.OpinionStatus;
import io.tongxin.opinion.OpinionView;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The opinion pages: the filtered list (the same query as {@code GET /api/opinions}) and one
 * opinion's history as a timeline (as {@code GET /api/opinions/{number}} shows it).
 */
@ApplicationScoped
public class OpinionBoard {

    static final int PAGE_SIZE = 50;

    /** The list's filters as the form sent them (blank = any); dates are days, both ends included. */
    @TemplateData
    public record Criteria(
            String status,
            String workstationCode,
            String communityCode,
            String category,
            String overdue,
            String from,
            String to,
            String page) {}

    @TemplateData
    public record Option(String value, String label, boolean selected) {}

    @TemplateData
    public record Row(
            String number,
            String title,
            String status,
            String statusLabel,
            String category,
            String community,
            String assignee,
            String createdAt,
            String due,
            boolean overdue) {}

    @TemplateData
    public record ListPage(
            Criteria criteria,
            List<Option> statuses,
            List<Option> workstations,
            List<Option> communities,
            long total,
            List<Row> rows,
            String previous,
            String next) {}

    @TemplateData
    public record Step(String at, String type, String label, String actor, String note) {}

    @TemplateData
    public record DetailPage(
            String number,
            String title,
            String text,
            String status,
            String statusLabel,
            String category,
            String community,
            String workstation,
            String assignee,
            String createdAt,
            String ackDueAt,
            String resolveDueAt,
            boolean overdue,
            String resolution,
            Integer satisfaction,
            List<Step> steps) {}

    @Inject
    OpinionQueries opinions;

    @Inject
    DashboardMessages msg;

    @Inject
    Directory directory;

    @Inject
    ZoneId zone;

    @Transactional
    public ListPage list(Criteria c, String viewer) {
        var filter = new OpinionQueries.Filter(
                null,
                status(c.status()),
                blank(c.communityCode()),
                blank(c.workstationCode()),
                null,
                blank(c.category()),
                overdue(c.overdue()),
                day(c.from(), "from") == null
                        ? null
                        : day(c.from(), "from").atStartOfDay(zone).toInstant(),
                day(c.to(), "to") == null
                        ? null
                        : day(c.to(), "to").plusDays(1).atStartOfDay(zone).toInstant());
        int page = Math.max(0, page(c.page()));
        var result = opinions.list(filter, new Paging(page, PAGE_SIZE), Actor.organizer(viewer));
        List<CommunityInfo> all = directory.communities();
        Map<String, String> communityNames = new TreeMap<>();
        all.forEach(ci -> communityNames.put(ci.code(), ci.name()));
        Map<String, String> workstationNames = new TreeMap<>(directory.workstationNames(
                all.stream().map(CommunityInfo::workstationCode).toList()));
        List<Row> rows = new ArrayList<>();
        for (OpinionView o : result.items()) {
            rows.add(new Row(
                    o.number(),
                    o.title(),
                    o.status(),
                    statusLabel(o.status()),
                    o.category() == null ? "" : o.category(),
                    o.communityCode() == null ? "" : communityNames.getOrDefault(o.communityCode(), o.communityCode()),
                    o.assignee() == null ? "" : o.assignee().name(),
                    Numbers.minute(o.createdAt(), zone),
                    Numbers.minute(dueOf(o), zone),
                    o.overdue()));
        }
        List<Option> statuses = new ArrayList<>();
        for (OpinionStatus s : OpinionStatus.values()) {
            statuses.add(
                    new Option(s.wire(), msg.opinionStatus(s.wire()), s.wire().equals(c.status())));
        }
        String previous = page > 0 ? link(c, page - 1) : null;
        String next = (long) (page + 1) * PAGE_SIZE < result.total() ? link(c, page + 1) : null;
        return new ListPage(
                c,
                statuses,
                options(workstationNames, c.workstationCode()),
                options(communityNames, c.communityCode()),
                result.total(),
                rows,
                previous,
                next);
    }

    @Transactional
    public DetailPage detail(String number, String viewer) {
        OpinionView o = opinions.get(number, Actor.organizer(viewer));
        String community = o.communityCode() == null
                ? ""
                : directory
                        .findCommunity(o.communityCode())
                        .map(CommunityInfo::name)
                        .orElse(o.communityCode());
        String workstation = o.workstationCode() == null
                ? ""
                : directory.workstationNames(List.of(o.workstationCode())).getOrDefault(o.workstationCode(), "");
        List<Step> steps = o.history().stream()
                .map(e -> new Step(
                        Numbers.minute(e.at(), zone),
                        e.type(),
                        e.type() == null ? "" : msg.history(e.type()),
                        e.actor() == null ? "" : e.actor(),
                        e.note() == null ? "" : e.note()))
                .toList();
        return new DetailPage(
                o.number(),
                o.title(),
                o.text(),
                o.status(),
                statusLabel(o.status()),
                o.category() == null ? "" : o.category(),
                community,
                workstation,
                o.assignee() == null ? "" : o.assignee().name(),
                Numbers.minute(o.createdAt(), zone),
                Numbers.minute(o.ackDueAt(), zone),
                Numbers.minute(o.resolveDueAt(), zone),
                o.overdue(),
                o.resolution() == null ? "" : o.resolution(),
                o.satisfaction(),
                steps);
    }

    private String statusLabel(String wire) {
        return wire == null ? "" : msg.opinionStatus(wire.toLowerCase(java.util.Locale.ROOT));
    }

    private static java.time.Instant dueOf(OpinionView o) {
        return switch (o.status()) {
            case "received", "assigned" -> o.ackDueAt();
            case "acknowledged", "in_progress" -> o.resolveDueAt();
            default -> null;
        };
    }

    private static List<Option> options(Map<String, String> names, String selected) {
        return names.entrySet().stream()
                .map(e -> new Option(e.getKey(), e.getValue(), e.getKey().equals(selected)))
                .toList();
    }

    private static String link(Criteria c, int page) {
        StringBuilder q = new StringBuilder("/dashboard/opinions?page=").append(page);
        param(q, "status", c.status());
        param(q, "workstationCode", c.workstationCode());
        param(q, "communityCode", c.communityCode());
        param(q, "category", c.category());
        param(q, "overdue", c.overdue());
        param(q, "from", c.from());
        param(q, "to", c.to());
        return q.toString();
    }

    private static void param(StringBuilder q, String name, String value) {
        if (value != null && !value.isBlank()) {
            q.append('&')
                    .append(name)
                    .append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static OpinionStatus status(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OpinionStatus.fromWire(s);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("status", "unknown status '" + s + "'");
        }
    }

    private static Boolean overdue(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return switch (s) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw DomainException.invalidField("overdue", "must be true or false");
        };
    }

    /**
     * The page number (blank: the first); read here rather than by JAX-RS so that a bad one is the
     * dashboard's 400 page, not the API's problem+json.
     */
    static int page(String s) {
        if (s == null || s.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalidField("page", "must be a whole number");
        }
    }

    static LocalDate day(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalidField(field, "must be a date such as 2026-11-01");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
