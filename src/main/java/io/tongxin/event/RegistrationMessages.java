package io.tongxin.event;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What the registration commands answer in chat, zh-CN first with en after it. Answers may be read by
 * a whole group: they show a participant's name and code, never a phone number.
 */
final class RegistrationMessages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private RegistrationMessages() {}

    static String usage() {
        return "报名请发送：报名 活动编号 姓名 [年龄]，例如：报名 JIEWU-2026 王小明 9\n"
                + "取消报名：取消报名 报名编号；查看我的报名：我的报名\n"
                + "To sign up send: 报名 <event> <name> [age], e.g. 报名 JIEWU-2026 王小明 9."
                + " To cancel: 取消报名 <code>; to see yours: 我的报名";
    }

    static String created(String title, RegistrationView r) {
        String name = r.participantName();
        if ("waitlisted".equals(r.status())) {
            return "「" + title + "」名额已满，" + name + " 已进入候补名单，报名编号 " + r.code() + "。有空位时会通知您。\n"
                    + "\"" + title + "\" is full: " + name + " is on the waiting list with code " + r.code()
                    + "; we will tell you when a place frees up.";
        }
        return "报名成功！" + name + " 已报名「" + title + "」，报名编号 " + r.code() + "，签到时请出示此编号。\n" + "Signed up: " + name
                + " for \"" + title + "\", code " + r.code() + ". Show this code to check in.";
    }

    static String alreadySignedUp(String title, RegistrationView r) {
        String state = "waitlisted".equals(r.status()) ? "（候补中）" : "";
        return r.participantName() + " 已经报过名「" + title + "」了" + state + "，报名编号 " + r.code() + "，无需重复报名。\n"
                + r.participantName() + " is already signed up for \"" + title + "\""
                + ("waitlisted".equals(r.status()) ? " (waiting list)" : "") + " with code " + r.code()
                + "; no need to sign up again.";
    }

    static String refused(String title, SignUp.Refused r, ZoneId zone) {
        String at = r.at() == null ? "" : WHEN.format(r.at().atZone(zone));
        return switch (r.closure()) {
            case NOT_OPEN_YET ->
                "「" + title + "」将于 " + at + " 开始报名，请届时再来。\n" + "Registration for \"" + title + "\" opens at " + at
                        + ".";
            case CLOSED ->
                "「" + title + "」报名已于 " + at + " 截止。\n" + "Registration for \"" + title + "\" closed at " + at + ".";
            case CANCELLED -> "「" + title + "」已取消，不再接受报名。\n" + "\"" + title + "\" was cancelled.";
            case FINISHED -> "「" + title + "」已结束。\n" + "\"" + title + "\" is over.";
            case NOT_PUBLISHED, NOT_FOR_REGISTRATION ->
                "「" + title + "」目前不接受报名。\n" + "\"" + title + "\" takes no registrations.";
        };
    }

    static String unknownEvent(String code) {
        return "未找到活动 " + code + "，请核对活动编号。\n" + "There is no event " + code + "; please check the code.";
    }

    static String invalid(String field, String message) {
        if ("age".equals(field)) {
            return "年龄应在 0 到 " + NewRegistration.MAX_AGE + " 岁之间。\n" + "The age must be from 0 to "
                    + NewRegistration.MAX_AGE + ".";
        }
        if ("participantName".equals(field)) {
            return "姓名不能为空，且不超过 100 个字。\n" + "The name must not be blank and at most 100 characters.";
        }
        return "输入有误（" + field + "）：" + message + "\n" + "Invalid " + field + ": " + message;
    }

    static String cancelled(RegistrationView r) {
        return "已取消报名 " + r.code() + "（" + r.participantName() + "）。\n" + "Registration " + r.code() + " ("
                + r.participantName() + ") is cancelled.";
    }

    static String notYours(String code) {
        return "未找到您的报名 " + code + "，请核对编号（只能取消自己的报名）。\n" + "You have no registration " + code
                + "; please check the code (you can only cancel your own).";
    }

    static String own(List<RegistrationQueries.Own> mine) {
        if (mine.isEmpty()) {
            return "您还没有报名记录。\n" + "You have no registrations.";
        }
        StringBuilder zh = new StringBuilder("您的报名：\n");
        StringBuilder en = new StringBuilder("Your registrations:\n");
        for (RegistrationQueries.Own o : mine) {
            zh.append("· ")
                    .append(o.eventTitle())
                    .append(" ")
                    .append(o.participantName())
                    .append(" ")
                    .append(o.code())
                    .append(" ")
                    .append(statusZh(o.status()))
                    .append('\n');
            en.append("· ")
                    .append(o.eventCode())
                    .append(" ")
                    .append(o.participantName())
                    .append(" ")
                    .append(o.code())
                    .append(" ")
                    .append(o.status())
                    .append('\n');
        }
        return zh.append(en).toString().strip();
    }

    static String checkedIn(CheckIn c) {
        if (c.alreadyCheckedIn()) {
            return c.participantName() + "（" + c.registrationCode() + "）已签到过第 " + c.session() + " 场。\n"
                    + c.participantName() + " (" + c.registrationCode() + ") was already checked in to session "
                    + c.session() + ".";
        }
        return "签到成功：" + c.participantName() + "（" + c.registrationCode() + "），第 " + c.session() + " 场。\n"
                + "Checked in: " + c.participantName() + " (" + c.registrationCode() + "), session " + c.session()
                + ".";
    }

    static String checkInUsage() {
        return "签到请发送：签到 报名编号（或：签到 活动编号 报名编号）\n" + "To check someone in send: 签到 <code> (or 签到 <event> <code>)";
    }

    static String checkInNotAllowed() {
        return "只有工作站站长（活动组织者）可以在群里为参加者签到。\n"
                + "Only a workstation head (an organizer) can check participants in by chat.";
    }

    static String unknownCode(String code) {
        return "未找到报名编号 " + code + "。\n" + "There is no registration " + code + ".";
    }

    static String ambiguousCode(String code, List<String> events) {
        return "编号 " + code + " 在多个活动中存在（" + String.join("、", events) + "），请发送：签到 活动编号 " + code + "\n"
                + "The code " + code + " exists in several events (" + String.join(", ", events)
                + "); send: 签到 <event> "
                + code;
    }

    static String cannotCheckIn(String detail) {
        return "无法签到：" + detail + "\n" + "Cannot check in: " + detail;
    }

    static String noSessionNow() {
        return "现在没有正在进行或今天稍后开始的场次，无法签到。\n" + "No session is running now or starts later today.";
    }

    static String unverifiedSender() {
        return "本渠道无法核实发送者身份，报名和签到暂不受理，请通过企业微信或群聊发送。\n"
                + "This channel cannot verify who sent a message, so sign-ups and check-ins are not taken here.";
    }

    private static String statusZh(String status) {
        return switch (status) {
            case "registered" -> "已报名";
            case "waitlisted" -> "候补中";
            default -> "已取消";
        };
    }
}
