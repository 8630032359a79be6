package io.tongxin.opinion;

import io.tongxin.dialogue.Notice;
import io.tongxin.dialogue.NoticeCatalog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The notices the opinion feature sends, as {@link Notice}s: the words are the templates of
 * {@code bot-scripts/notices-opinion.yaml} (one language per message, the channel's), the variables
 * are computed here, so what may be shown is decided in Java whatever the wording. Messages to a
 * group name a member only by surname and title (王委员) and never show a resident's phone number or
 * name. Places are named by their display names ({@link Places}), never their codes. Phone numbers
 * are masked by who wrote the text ({@link Masking}): all of them in what residents wrote, only
 * residents' own in what members and organizers write for the resident. Times are written in the
 * deployment's zone ({@code tongxin.zone}). The keys and their variables are listed in
 * docs/opinions.md ("Notice templates") and declared with samples in {@link #notices()}.
 */
@Singleton
public class OpinionMessages implements NoticeCatalog {

    public static final String REPORTER_ASSIGNED = "opinion.reporter-assigned";
    public static final String REPORTER_QUEUED = "opinion.reporter-queued";
    public static final String REPORTER_RESOLVED = "opinion.reporter-resolved";
    public static final String REPORTER_REJECTED = "opinion.reporter-rejected";
    public static final String ASSIGNED = "opinion.assigned";
    public static final String REMINDER = "opinion.reminder";
    public static final String REOPENED = "opinion.reopened";
    public static final String OVERDUE = "opinion.overdue";
    public static final String SUPERVISION = "opinion.supervision";

    private final DateTimeFormatter time;

    /** The photos and voice messages attached to an opinion, counted for the assignment notice. */
    @Inject
    io.tongxin.media.MediaLibrary media;

    @Inject
    public OpinionMessages(ZoneId zone) {
        time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    /** 王委员 for 王建国; a name that is not Chinese is kept as "委员 X" with its first word only. */
    public static String honorific(String name) {
        if (name == null || name.isBlank()) {
            return "委员";
        }
        String n = name.strip();
        int first = n.codePointAt(0);
        if (Character.UnicodeScript.of(first) == Character.UnicodeScript.HAN) {
            return new String(Character.toChars(first)) + "委员";
        }
        return "委员 " + n.split("\\s+")[0];
    }

    public Notice reporterAssigned(Opinion o) {
        return new Notice(REPORTER_ASSIGNED, Map.of("number", o.number, "member", honorific(o.assigneeName)));
    }

    public Notice reporterQueued(Opinion o) {
        return new Notice(REPORTER_QUEUED, Map.of("number", o.number));
    }

    /** The member's summary goes to the resident as written, with only residents' own numbers masked. */
    public Notice reporterResolved(Opinion o) {
        return new Notice(
                REPORTER_RESOLVED,
                Map.of("number", o.number, "summary", Masking.of(o).staffText(o.resolution)));
    }

    public Notice reporterRejected(Opinion o) {
        return new Notice(
                REPORTER_REJECTED,
                Map.of("number", o.number, "reason", nz(Masking.of(o).staffText(o.rejectReason))));
    }

    /**
     * How an opinion came to its new assignee from the previous one: passed on (转交) by that member or
     * by an organizer, or reassigned (改派) by an organizer; with the reason given, if any.
     */
    public record Handover(boolean transfer, String fromName, boolean byPreviousAssignee, String reason) {

        /** The template's {@code handover}: {@code transferred}, {@code transferred-by-organizers}, {@code reassigned}. */
        String kind() {
            return !transfer ? "reassigned" : byPreviousAssignee ? "transferred" : "transferred-by-organizers";
        }
    }

    /** The assignment notice; {@code handover} says who passed it on and why ({@code null}: a new assignment). */
    public Notice assigneeAssigned(Opinion o, Places places, Handover handover) {
        return assigneeAssigned(
                o, places, handover, o.id == null || media == null ? List.of() : media.attachedTo(o.id));
    }

    /** As above, with the opinion's attachments already read (oldest first, {@link io.tongxin.media.MediaLibrary#attachedTo}). */
    Notice assigneeAssigned(
            Opinion o, Places places, Handover handover, List<io.tongxin.media.MediaLibrary.Attachment> attached) {
        Map<String, Object> v = new HashMap<>();
        v.put("number", o.number);
        v.put("urgent", o.urgent());
        v.put("handover", handover == null ? "" : handover.kind());
        v.put("from", handover == null ? "" : honorific(handover.fromName()));
        v.put(
                "reason",
                handover == null
                                || handover.reason() == null
                                || handover.reason().isBlank()
                        ? ""
                        : Masking.of(o).staffText(handover.reason().strip()));
        v.put("text", Masking.residentText(o.text));
        v.put("community", dash(places.community(o.communityCode)));
        v.put("workstation", dash(places.workstation(o.workstationCode)));
        v.put("category", dash(o.categoryName));
        v.put("ackDue", time.format(o.ackDueAt));
        v.put("resolveDue", time.format(o.resolveDueAt));
        v.put(
                "photos",
                attached.stream()
                        .filter(a -> "image".equals(a.kind()) && "stored".equals(a.status()))
                        .count());
        v.put(
                "voices",
                attached.stream()
                        .filter(a -> "voice".equals(a.kind()) && "stored".equals(a.status()))
                        .count());
        return new Notice(ASSIGNED, v);
    }

    public Notice assigneeReminder(Opinion o, boolean late) {
        return new Notice(
                REMINDER,
                Map.of(
                        "number",
                        o.number,
                        "title",
                        Masking.residentText(o.title),
                        "ackDue",
                        time.format(o.ackDueAt),
                        "late",
                        late));
    }

    public Notice assigneeReopened(Opinion o, String note) {
        return new Notice(
                REOPENED,
                Map.of(
                        "number",
                        o.number,
                        "title",
                        Masking.residentText(o.title),
                        "reason",
                        note == null ? "" : Masking.of(o).staffText(note)));
    }

    /**
     * An escalation: to the workstation head ({@code opinion.overdue}) or to the organizers (督办,
     * {@code opinion.supervision}). {@code inGroup}: the text goes to a group, so the assignee is named
     * only as 王委员 (with their member code, for the organizers to tell two 王委员 apart).
     * {@code places}: looked up once for all the opinions of an SLA pass.
     */
    public Notice escalation(Opinion o, Places places, Instant due, boolean toOrganizers, boolean inGroup) {
        String assignee = o.assigneeCode == null
                ? ""
                : inGroup ? honorific(o.assigneeName) + "（" + o.assigneeCode + "）" : o.assigneeName;
        String state = o.status == OpinionStatus.RECEIVED
                ? "unassigned"
                : o.acknowledgedAt == null ? "not-acknowledged" : "not-resolved";
        String place =
                o.communityCode != null ? places.community(o.communityCode) : places.workstation(o.workstationCode);
        return new Notice(
                toOrganizers ? SUPERVISION : OVERDUE,
                Map.of(
                        "number",
                        o.number,
                        "title",
                        Masking.residentText(o.title),
                        "place",
                        nz(place),
                        "state",
                        state,
                        "due",
                        time.format(due),
                        "assignee",
                        assignee));
    }

    @Override
    public Map<String, List<Map<String, Object>>> notices() {
        String n = "2026-000123";
        Map<String, Object> assigned = new HashMap<>(Map.of(
                "number", n,
                "urgent", true,
                "handover", "",
                "from", "",
                "reason", "",
                "text", "小区南门路灯不亮，电话 138****5678",
                "community", "静安门社区",
                "workstation", "临夏路街道政协委员工作站",
                "category", "市政设施",
                "ackDue", "2026-05-02 18:00"));
        assigned.put("resolveDue", "2026-05-09 18:00");
        assigned.put("photos", 2L);
        assigned.put("voices", 1L);
        List<Map<String, Object>> assignedSamples = new java.util.ArrayList<>(List.of(assigned));
        for (String kind : List.of("transferred", "transferred-by-organizers", "reassigned")) {
            Map<String, Object> h = new HashMap<>(assigned);
            h.putAll(Map.of(
                    "urgent", false, "handover", kind, "from", "李委员", "reason", "属教育界别", "photos", 0L, "voices", 0L));
            assignedSamples.add(h);
        }
        List<Map<String, Object>> escalations = List.of("unassigned", "not-acknowledged", "not-resolved").stream()
                .map(state -> Map.<String, Object>of(
                        "number",
                        n,
                        "title",
                        "小区南门路灯不亮",
                        "place",
                        "unassigned".equals(state) ? "" : "静安门社区",
                        "state",
                        state,
                        "due",
                        "2026-05-02 18:00",
                        "assignee",
                        "unassigned".equals(state) ? "" : "王委员（m-wang）"))
                .toList();
        return Map.of(
                REPORTER_ASSIGNED, List.of(Map.of("number", n, "member", "王委员")),
                REPORTER_QUEUED, List.of(Map.of("number", n)),
                REPORTER_RESOLVED, List.of(Map.of("number", n, "summary", "已更换灯泡，报修电话 12345")),
                REPORTER_REJECTED,
                        List.of(Map.of("number", n, "reason", "不属于政协职责范围"), Map.of("number", n, "reason", "")),
                ASSIGNED, assignedSamples,
                REMINDER,
                        List.of(true, false).stream()
                                .map(late -> Map.<String, Object>of(
                                        "number", n, "title", "小区南门路灯不亮", "ackDue", "2026-05-02 18:00", "late", late))
                                .toList(),
                REOPENED,
                        List.of(
                                Map.of("number", n, "title", "小区南门路灯不亮", "reason", "居民反映仍未修好"),
                                Map.of("number", n, "title", "小区南门路灯不亮", "reason", "")),
                OVERDUE, escalations,
                SUPERVISION, escalations);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
