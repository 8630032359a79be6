package io.tongxin.opinion;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What the bot says about opinions, zh-CN first with en beside it. Messages to a group name a member
 * only by surname and title (王委员) and never show a phone number or a resident's name. Times are
 * written in the deployment's zone ({@code tongxin.zone}).
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

    public String reporterResolved(Opinion o) {
        return "您反映的问题（编号 " + o.number + "）已办结：" + o.resolution + "\n请回复 1-5 为本次办理评分（5 为非常满意）。\n"
                + "Your concern " + o.number + " has been resolved: " + o.resolution
                + "\nPlease reply 1-5 to rate it (5 = very satisfied).";
    }

    public String reporterRejected(Opinion o) {
        return "您反映的问题（编号 " + o.number + "）未予受理，原因：" + o.rejectReason + "\n" + "Your concern " + o.number
                + " was not taken up. Reason: " + o.rejectReason;
    }

    public String assigneeAssigned(Opinion o) {
        return "【社情民意 " + o.number + "】" + (o.urgent() ? "【紧急】" : "") + "\n" + o.text + "\n"
                + "社区/Community: " + nz(o.communityCode) + "  工作站/Workstation: " + nz(o.workstationCode) + "\n"
                + "类别/Category: " + nz(o.categoryName) + "\n"
                + "请于 " + time.format(o.ackDueAt) + " 前回复「收到 " + o.number + "」确认，并于 "
                + time.format(o.resolveDueAt) + " 前办结。\n"
                + "Please acknowledge by " + time.format(o.ackDueAt) + " (reply \"收到 " + o.number
                + "\") and resolve by " + time.format(o.resolveDueAt) + ".";
    }

    public String assigneeReminder(Opinion o, boolean late) {
        return (late ? "【即将超时】" : "【提醒】") + "社情民意 " + o.number + "（" + o.title + "）尚未确认，请于 "
                + time.format(o.ackDueAt) + " 前回复「收到 " + o.number + "」。\n"
                + (late ? "Almost overdue: " : "Reminder: ") + "opinion " + o.number
                + " is not acknowledged yet; reply \"收到 " + o.number + "\" by " + time.format(o.ackDueAt) + ".";
    }

    public String assigneeReopened(Opinion o, String reason) {
        return "社情民意 " + o.number + "（" + o.title + "）被重新打开" + (reason == null ? "" : "：" + reason)
                + "。请回复「收到 " + o.number + "」后继续跟进。\n"
                + "Opinion " + o.number + " was reopened" + (reason == null ? "" : ": " + reason)
                + ". Reply \"收到 " + o.number + "\" and follow up again.";
    }

    /** {@code inGroup}: the text goes to a group, so the assignee is named only as 王委员 (with their code). */
    public String escalation(Opinion o, Instant due, boolean toOrganizers, boolean inGroup) {
        String assignee = o.assigneeCode == null
                ? null
                : inGroup ? honorific(o.assigneeName) + "（" + o.assigneeCode + "）" : o.assigneeName;
        String what = o.status == OpinionStatus.RECEIVED ? "尚未分派" : o.acknowledgedAt == null ? "未按时确认" : "未按时办结";
        String whatEn = o.status == OpinionStatus.RECEIVED
                ? "is still unassigned"
                : o.acknowledgedAt == null ? "was not acknowledged in time" : "was not resolved in time";
        return (toOrganizers ? "【督办】" : "【超时提醒】") + "社情民意 " + o.number + "（" + o.title + "）" + what
                + "，期限 " + time.format(due) + (assignee == null ? "" : "，承办委员 " + assignee)
                + "。\n" + (toOrganizers ? "Supervision: " : "Overdue: ") + "opinion " + o.number + " " + whatEn
                + " (due " + time.format(due) + ")" + (assignee == null ? "" : ", assignee " + assignee)
                + ".";
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
