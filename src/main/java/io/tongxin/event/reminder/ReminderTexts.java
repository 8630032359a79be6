package io.tongxin.event.reminder;

import io.tongxin.event.Event;
import io.tongxin.event.EventSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/** What reminders, move and cancellation notices and the digest say: Chinese first, then English; times in {@code tongxin.zone}. */
@ApplicationScoped
public class ReminderTexts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    ZoneId zone;

    /** One reminder; {@code registrationCode} null for an invited member. */
    public String reminder(String title, Instant startsAt, String venue, String registrationCode) {
        StringBuilder zh =
                new StringBuilder("【活动提醒】").append(title).append("\n时间：").append(zh(startsAt));
        StringBuilder en = new StringBuilder("[Reminder] ")
                .append(title)
                .append("\nWhen: ")
                .append(en(startsAt));
        if (venue != null) {
            zh.append("\n地点：").append(venue);
            en.append("\nWhere: ").append(venue);
        }
        if (registrationCode != null) {
            zh.append("\n报名编号：").append(registrationCode);
            en.append("\nRegistration: ").append(registrationCode);
        }
        return zh + "\n\n" + en;
    }

    public String moved(Event e, EventSession s, String registrationCode) {
        String venue = s.venueOrDefault();
        return "【时间变更】" + e.title + " 第" + s.number + "场改为 " + zh(s.startsAt) + (venue == null ? "" : "，地点：" + venue)
                + code("。报名编号：", registrationCode) + "\n\n[Rescheduled] " + e.title + ", session " + s.number
                + " is now on " + en(s.startsAt) + (venue == null ? "" : " at " + venue)
                + code(". Registration: ", registrationCode);
    }

    public String sessionCancelled(Event e, EventSession s) {
        return "【场次取消】" + e.title + " 第" + s.number + "场（原定 " + zh(s.startsAt) + "）取消。\n\n[Cancelled] " + e.title
                + ", session " + s.number + " (" + en(s.startsAt) + ") is cancelled.";
    }

    public String eventCancelled(Event e) {
        String reason = e.cancelReason == null || e.cancelReason.isBlank() ? null : e.cancelReason;
        return "【活动取消】" + e.title + " 已取消" + (reason == null ? "。" : "：" + reason) + "\n\n[Cancelled] " + e.title
                + " is cancelled" + (reason == null ? "." : ": " + reason);
    }

    /** One line per session of tomorrow: time, title, venue, registered count. */
    public record DigestLine(
            Instant startsAt, String eventCode, String title, int number, String venue, long registered) {}

    public String digest(LocalDate day, List<DigestLine> lines) {
        StringBuilder zh = new StringBuilder("【明日活动】")
                .append(day)
                .append(" 共 ")
                .append(lines.size())
                .append(" 场");
        StringBuilder en = new StringBuilder("[Tomorrow] ")
                .append(day)
                .append(": ")
                .append(lines.size())
                .append(" session(s)");
        for (DigestLine l : lines) {
            String time = l.startsAt().atZone(zone).toLocalTime().toString();
            zh.append("\n")
                    .append(time)
                    .append(" ")
                    .append(l.title())
                    .append(" 第")
                    .append(l.number())
                    .append("场");
            en.append("\n")
                    .append(time)
                    .append(" ")
                    .append(l.title())
                    .append(" #")
                    .append(l.number());
            if (l.venue() != null) {
                zh.append(" @").append(l.venue());
                en.append(" @ ").append(l.venue());
            }
            zh.append(" 已报名 ").append(l.registered()).append(" 人");
            en.append(", ").append(l.registered()).append(" registered");
        }
        return zh + "\n\n" + en;
    }

    private static String code(String label, String registrationCode) {
        return registrationCode == null ? "" : label + registrationCode;
    }

    private String zh(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        return WHEN.format(z) + "（" + z.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.SIMPLIFIED_CHINESE) + "）";
    }

    private String en(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        return z.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + WHEN.format(z);
    }
}
