package io.tongxin.event;

import io.tongxin.inbox.InboundHandler;
import io.tongxin.inbox.InboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event core's chat commands: {@code 已转发 <event>} (a workstation head or a council's group
 * confirms it passed the invitation on), {@code 参加 <event>} and {@code 请假 <event> <reason>} (an
 * invited member answers). They are claimed ({@link #claims}) so the report intake does not also
 * file them as concerns. A command for an event that does not exist, in a group, without addressing
 * the bot, is left unanswered (it may be ordinary chatter).
 */
@ApplicationScoped
public class InvitationReplies implements InboundHandler {

    private static final String MENTION = "@[^\\s\\u2005]+";
    private static final Pattern MENTIONS = Pattern.compile(
            "^(?:[\\s\\u2005]*" + MENTION + "(?:[\\s\\u2005]+|$))+|(?:[\\s\\u2005]+" + MENTION + ")+[\\s\\u2005]*$");
    private static final String CODE = "([A-Za-z0-9][A-Za-z0-9._-]{0,59})";
    private static final String END = "[\\s。.!！]*$";

    static final Pattern FORWARDED = Pattern.compile("^(?:已转发|已转)[\\s:：]*" + CODE + END);
    static final Pattern ATTEND = Pattern.compile("^(?:参加|参会|出席)[\\s:：]*" + CODE + END);
    static final Pattern LEAVE = Pattern.compile("^请假[\\s:：]*" + CODE + "(?:[\\s,，:：]+(.+?))?" + END, Pattern.DOTALL);

    @Inject
    Confirmations confirmations;

    @Inject
    Invitations invitations;

    @Override
    public boolean wants(InboundMessage m) {
        return claims(m);
    }

    @Override
    public boolean claims(InboundMessage m) {
        String t = text(m);
        return t != null
                && (FORWARDED.matcher(t).matches()
                        || ATTEND.matcher(t).matches()
                        || LEAVE.matcher(t).matches());
    }

    @Override
    public Optional<String> handle(InboundMessage m) {
        String t = text(m);
        if (t == null) {
            return Optional.empty();
        }
        Matcher f = FORWARDED.matcher(t);
        if (f.matches()) {
            return confirmations.confirmInChat(m, f.group(1));
        }
        Matcher a = ATTEND.matcher(t);
        if (a.matches()) {
            return invitations.answerInChat(m, a.group(1), Rsvp.ATTENDING, null);
        }
        Matcher l = LEAVE.matcher(t);
        if (l.matches()) {
            return invitations.answerInChat(m, l.group(1), Rsvp.LEAVE, l.group(2));
        }
        return Optional.empty();
    }

    /** The text without @-mentions before or after it; null when there is none. */
    static String text(InboundMessage m) {
        if (m.text() == null || m.text().length() > 2000) {
            return null;
        }
        String t = MENTIONS.matcher(m.text()).replaceAll("").strip();
        return t.isEmpty() ? null : t;
    }
}
