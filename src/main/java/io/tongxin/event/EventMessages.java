package io.tongxin.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The notices the event core sends through the outbox: invitations and nudges, zh-CN first, then en.
 * (Its answers to chat commands are bot scripts: {@code bot-scripts/event-*.yaml}.)
 */
@ApplicationScoped
class EventMessages {

    /** Sessions listed one by one in an invitation; longer series are summarised. */
    private static final int LISTED_SESSIONS = 8;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final String[] ZH_DAYS = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

    @Inject
    ZoneId zone;

    /** The invitation posted to each audience group. */
    String groupInvitation(Event e) {
        StringBuilder zh = new StringBuilder();
        StringBuilder en = new StringBuilder();
        if (e.kind == EventKind.ANNOUNCEMENT) {
            zh.append("【通知】").append(e.title).append('\n').append(e.description);
            en.append("Notice: ").append(e.title);
        } else {
            zh.append(e.kind == EventKind.CLASS ? "【公益课堂】" : "【会议通知】")
                    .append(e.title)
                    .append('\n');
            en.append(e.kind == EventKind.CLASS ? "Class: " : "Meeting: ")
                    .append(e.title)
                    .append('\n');
            when(e, zh, en);
            if (e.organizer != null) {
                zh.append("主办：").append(e.organizer).append('\n');
            }
            if (e.description != null) {
                zh.append(e.description).append('\n');
            }
            zh.append("报名：回复「报名 ").append(e.code).append(" 姓名 年龄」");
            en.append("Sign up: reply \"报名 ").append(e.code).append(" <name> [age]\"");
        }
        if (e.confirm) {
            zh.append("\n请各工作站、社区议事会转发后回复「已转发 ").append(e.code).append("」。");
            en.append("\nWorkstations and councils: reply \"已转发 ")
                    .append(e.code)
                    .append("\" once passed on.");
        }
        return zh + "\n——\n" + en;
    }

    /** The invitation to one invited member. */
    String memberInvitation(Event e) {
        StringBuilder zh = new StringBuilder();
        StringBuilder en = new StringBuilder();
        if (e.kind == EventKind.ANNOUNCEMENT) {
            return "【通知】" + e.title + "\n" + e.description + "\n——\nNotice: " + e.title;
        }
        zh.append("【邀请】您受邀参加：").append(e.title).append('\n');
        en.append("Invitation: ").append(e.title).append('\n');
        when(e, zh, en);
        zh.append("请回复「参加 ").append(e.code).append("」或「请假 ").append(e.code).append(" 原因」。");
        en.append("Reply \"参加 ")
                .append(e.code)
                .append("\" to attend or \"请假 ")
                .append(e.code)
                .append(" <reason>\" to ask for leave.");
        return zh + "\n——\n" + en;
    }

    /** Reminds a unit that has not confirmed passing the invitation on. */
    String confirmationNudge(Event e, String unitName) {
        return "【提醒】" + unitName + "：请确认已转发「" + e.title + "」，回复「已转发 " + e.code + "」。"
                + "\n——\nReminder: please pass on \"" + e.title + "\" and reply \"已转发 " + e.code + "\".";
    }

    /** Tells the organizers which units have still not confirmed. */
    String confirmationEscalation(Event e, List<String> unitNames) {
        return "【督办】「" + e.title + "」（" + e.code + "）尚未确认转发：" + String.join("、", unitNames)
                + "\n——\nNot yet confirmed for \"" + e.title + "\": " + String.join(", ", unitNames);
    }

    /** Reminds an invited member who has not answered. */
    String rsvpNudge(Event e) {
        return "【提醒】您尚未回复是否参加「" + e.title + "」，请回复「参加 " + e.code + "」或「请假 " + e.code + " 原因」。"
                + "\n——\nReminder: please answer the invitation to \"" + e.title + "\".";
    }

    private void when(Event e, StringBuilder zh, StringBuilder en) {
        List<EventSession> sessions = e.scheduledSessions();
        zh.append("时间：");
        en.append("When: ");
        if (sessions.size() > 1) {
            zh.append("共").append(sessions.size()).append("次课").append('\n');
            en.append(sessions.size()).append(" sessions\n");
        }
        for (int i = 0; i < Math.min(LISTED_SESSIONS, sessions.size()); i++) {
            EventSession s = sessions.get(i);
            String line = slot(s);
            // a session's own venue (another campus) on its line; the event's venue has its own line
            String venue = s.venue == null || s.venue.equals(e.venue) ? "" : " @ " + s.venue;
            zh.append(sessions.size() > 1 ? "  " : "")
                    .append(zhSlot(s))
                    .append(venue)
                    .append('\n');
            en.append(sessions.size() > 1 ? "  " : "")
                    .append(line)
                    .append(venue)
                    .append('\n');
        }
        if (sessions.size() > LISTED_SESSIONS) {
            EventSession last = sessions.get(sessions.size() - 1);
            zh.append("  …… 至 ").append(zhSlot(last)).append('\n');
            en.append("  ... until ").append(slot(last)).append('\n');
        }
        if (e.venue != null) {
            zh.append("地点：").append(e.venue).append('\n');
            en.append("Where: ").append(e.venue).append('\n');
        }
    }

    private String zhSlot(EventSession s) {
        ZonedDateTime a = s.startsAt.atZone(zone);
        ZonedDateTime b = s.endsAt.atZone(zone);
        return DAY.format(a) + "（" + ZH_DAYS[a.getDayOfWeek().getValue() - 1] + "）" + TIME.format(a) + "–"
                + (a.toLocalDate().equals(b.toLocalDate()) ? TIME.format(b) : DAY.format(b) + " " + TIME.format(b));
    }

    private String slot(EventSession s) {
        ZonedDateTime a = s.startsAt.atZone(zone);
        ZonedDateTime b = s.endsAt.atZone(zone);
        return DAY.format(a) + " " + a.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " "
                + TIME.format(a) + "-"
                + (a.toLocalDate().equals(b.toLocalDate()) ? TIME.format(b) : DAY.format(b) + " " + TIME.format(b));
    }
}
