package io.tongxin.opinion.intake;

import io.tongxin.opinion.OpinionMessages;
import io.tongxin.opinion.OpinionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the opinion actions hand values to the reply templates: opinion numbers in full, times in
 * {@code tongxin.zone} as {@code MM-dd HH:mm}, a member as 王委员. No wording: that is the scripts'.
 */
@ApplicationScoped
class ChatOpinions {

    private static final Pattern NUMBER = Pattern.compile("^(\\d{4})\\s*-\\s*(\\d{1,9})$");

    private final DateTimeFormatter time;

    @Inject
    ChatOpinions(ZoneId zone) {
        time = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(zone);
    }

    /** {@code 2026-123} (as a script's regex caught it) in full: {@code 2026-000123}; null when it is none. */
    static String number(String written) {
        if (written == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(written.strip());
        return m.matches() ? String.format(Locale.ROOT, "%s-%06d", m.group(1), Long.parseLong(m.group(2))) : null;
    }

    String time(Instant at) {
        return at == null ? "" : time.format(at);
    }

    /** The assignee as residents may read it (王委员), or "" when there is none. */
    static String who(OpinionView v) {
        return v.assignee() == null
                ? ""
                : OpinionMessages.honorific(v.assignee().name());
    }

    /** Notes, summaries and reasons are kept to the API's 2000 characters. */
    static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        if (t.length() <= max) {
            return t;
        }
        int end = Character.isHighSurrogate(t.charAt(max - 1)) ? max - 1 : max;
        return t.substring(0, end);
    }
}
