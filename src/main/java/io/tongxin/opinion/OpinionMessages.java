package io.tongxin.opinion;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What the bot says about opinions, zh-CN first with en beside it. Messages to a group name a member
 * only by surname and title (王委员) and never show a resident's phone number or name. Places are
 * named by their display names ({@link Places}), never their codes. Phone numbers are masked by who
 * wrote the text ({@link Masking}): all of them in what residents wrote, only residents' own in what
 * members and organizers write for the resident. Times are written in the deployment's zone
 * ({@code tongxin.zone}).
 */
@Singleton
public class OpinionMessages {

    private final DateTimeFormatter time;

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

    public String reporterAssigned(Opinion o) {
        String who = honorific(o.assigneeName);
        return "您反映的问题已转交" + who + "跟进，编号 " + o.number + "。\n" + "Your concern has been passed to committee member "
                + who + " for follow-up, number " + o.number + ".";
    }

    public String reporterQueued(Opinion o) {
        return "您反映的问题已收到，编号 " + o.number + "，我们会尽快安排委员跟进。\n" + "We have received your concern, number " + o.number
                + "; a committee member will follow up soon.";
    }

    /** The member's summary goes to the resident as written, with only residents' own numbers masked. */
    public String reporterResolved(Opinion o) {
        String summary = Masking.of(o).staffText(o.resolution);
        return "您反映的问题（编号 " + o.number + "）已办结：" + summary + "\n请回复 1-5 为本次办理评分（5 为非常满意）。\n"
                + "Your concern " + o.number + " has been resolved: " + summary
                + "\nPlease reply 1-5 to rate it (5 = very satisfied).";
    }

    public String reporterRejected(Opinion o) {
        String reason = Masking.of(o).staffText(o.rejectReason);
        return "您反映的问题（编号 " + o.number + "）未予受理，原因：" + reason + "\n" + "Your concern " + o.number
                + " was not taken up. Reason: " + reason;
    }

    /**
     * How an opinion came to its new assignee from the previous one: passed on (转交) by that member or
     * by an organizer, or reassigned (改派) by an organizer; with the reason given, if any.
     */
    public record Handover(boolean transfer, String fromName, boolean byPreviousAssignee, String reason) {}

    /** The assignment notice; {@code handover} says who passed it on and why ({@code null}: a new assignment). */
    public String assigneeAssigned(Opinion o, Places places, Handover handover) {
        String handoverZh = "";
        String handoverEn = "";
        if (handover != null) {
            String from = honorific(handover.fromName());
            String reason = handover.reason() == null || handover.reason().isBlank()
                    ? null
                    : Masking.of(o).staffText(handover.reason().strip());
            if (handover.transfer() && handover.byPreviousAssignee()) {
                handoverZh = "【转交】" + from + "转交给您办理";
                handoverEn = "Transferred to you by committee member " + from;
            } else if (handover.transfer()) {
                handoverZh = "【转交】组织者将此件从" + from + "处转交给您办理";
                handoverEn = "Transferred to you by the organizers from committee member " + from;
            } else {
                handoverZh = "【改派】组织者将此件从" + from + "处改派给您办理";
                handoverEn = "Reassigned to you by the organizers from committee member " + from;
            }
            handoverZh += (reason == null ? "。" : "，原因：" + reason + (endsASentence(reason) ? "" : "。")) + "\n";
            handoverEn += (reason == null ? "." : ". Reason: " + reason + (endsASentence(reason) ? "" : ".")) + "\n";
        }
        return "【社情民意 " + o.number + "】" + (o.urgent() ? "【紧急】" : "") + "\n" + handoverZh
                + Masking.residentText(o.text) + "\n"
                + "社区/Community: " + nz(places.community(o.communityCode)) + "  工作站/Workstation: "
                + nz(places.workstation(o.workstationCode)) + "\n"
                + "类别/Category: " + nz(o.categoryName) + "\n"
                + "请于 " + time.format(o.ackDueAt) + " 前回复「收到 " + o.number + "」确认，并于 "
                + time.format(o.resolveDueAt) + " 前办结。\n"
                + handoverEn
                + "Please acknowledge by " + time.format(o.ackDueAt) + " (reply \"收到 " + o.number
                + "\") and resolve by " + time.format(o.resolveDueAt) + ".";
    }

    public String assigneeReminder(Opinion o, boolean late) {
        return (late ? "【即将超时】" : "【提醒】") + "社情民意 " + o.number + "（" + Masking.residentText(o.title) + "）尚未确认，请于 "
                + time.format(o.ackDueAt) + " 前回复「收到 " + o.number + "」。\n"
                + (late ? "Almost overdue: " : "Reminder: ") + "opinion " + o.number
                + " is not acknowledged yet; reply \"收到 " + o.number + "\" by " + time.format(o.ackDueAt) + ".";
    }

    public String assigneeReopened(Opinion o, String note) {
        String reason = note == null ? null : Masking.of(o).staffText(note);
        return "社情民意 " + o.number + "（" + Masking.residentText(o.title) + "）被重新打开"
                + (reason == null ? "" : "：" + reason)
                + "。请回复「收到 " + o.number + "」后继续跟进。\n"
                + "Opinion " + o.number + " was reopened" + (reason == null ? "" : ": " + reason)
                + ". Reply \"收到 " + o.number + "\" and follow up again.";
    }

    /**
     * {@code inGroup}: the text goes to a group, so the assignee is named only as 王委员 (with their
     * member code, for the organizers to tell two 王委员 apart). {@code places}: looked up once for all
     * the opinions of an SLA pass.
     */
    public String escalation(Opinion o, Places places, Instant due, boolean toOrganizers, boolean inGroup) {
        String assignee = o.assigneeCode == null
                ? null
                : inGroup ? honorific(o.assigneeName) + "（" + o.assigneeCode + "）" : o.assigneeName;
        String what = o.status == OpinionStatus.RECEIVED ? "尚未分派" : o.acknowledgedAt == null ? "未按时确认" : "未按时办结";
        String whatEn = o.status == OpinionStatus.RECEIVED
                ? "is still unassigned"
                : o.acknowledgedAt == null ? "was not acknowledged in time" : "was not resolved in time";
        String place =
                o.communityCode != null ? places.community(o.communityCode) : places.workstation(o.workstationCode);
        return (toOrganizers ? "【督办】" : "【超时提醒】") + "社情民意 " + o.number + "（" + Masking.residentText(o.title) + "）"
                + (place == null ? "" : "，" + place) + "，" + what
                + "，期限 " + time.format(due) + (assignee == null ? "" : "，承办委员 " + assignee)
                + "。\n" + (toOrganizers ? "Supervision: " : "Overdue: ") + "opinion " + o.number
                + (place == null ? "" : " (" + place + ")") + " " + whatEn
                + " (due " + time.format(due) + ")" + (assignee == null ? "" : ", assignee " + assignee)
                + ".";
    }

    private static boolean endsASentence(String s) {
        return "。.！!？?".indexOf(s.charAt(s.length() - 1)) >= 0;
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
