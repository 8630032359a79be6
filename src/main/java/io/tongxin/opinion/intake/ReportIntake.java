package io.tongxin.opinion.intake;

import io.tongxin.channel.MessageKind;
import io.tongxin.directory.Directory;
import io.tongxin.directory.GroupInfo;
import io.tongxin.directory.MemberInfo;
import io.tongxin.directory.ResidentInfo;
import io.tongxin.inbox.InboundHandler;
import io.tongxin.inbox.InboundMessage;
import io.tongxin.opinion.Actor;
import io.tongxin.opinion.NewOpinion;
import io.tongxin.opinion.OpinionAction;
import io.tongxin.opinion.OpinionActionRequest;
import io.tongxin.opinion.OpinionQueries;
import io.tongxin.opinion.OpinionService;
import io.tongxin.opinion.OpinionView;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resident reports a concern to the bot: in a group by @-mentioning it, in a direct chat by simply
 * writing. The message becomes an opinion (filed in the group's community or workstation, reported
 * by the resident the sender is, routed and announced by {@link OpinionService}) and the answer,
 * which names neither the resident nor the member in full, goes back as the passive reply. Also
 * answers {@code 查询 2026-000123} / {@code status 2026-000123} and a short help text.
 *
 * <p>Runs in the inbox transaction that marks the message processed, so the opinion, its outbox
 * notices and the processed mark commit together; a retried attempt finds the opinion already filed
 * for the inbox message and answers it again. Messages from committee members go to
 * {@link MemberMessages} instead; events, images and other kinds are left alone.
 */
@ApplicationScoped
public class ReportIntake implements InboundHandler {

    /** One @-mention token: WeChat ends it with a four-per-em space (U+2005), others with a space. */
    private static final String MENTION = "@[^\\s\\u2005]+";

    private static final Pattern LEADING_MENTIONS =
            Pattern.compile("^(?:[\\s\\u2005]*" + MENTION + "(?:[\\s\\u2005]+|$))+");
    private static final Pattern TRAILING_MENTIONS = Pattern.compile("(?:[\\s\\u2005]+" + MENTION + ")+[\\s\\u2005]*$");
    private static final Pattern STATUS = Pattern.compile(
            "^(?:查询|查询进度|查进度|进度|status|query)[\\s:：]*(?:(\\d{4})\\s*-\\s*(\\d{1,9}))?[\\s。.?？!！]*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HELP = Pattern.compile("^(?:帮助|help|\\?|？|菜单|menu)$", Pattern.CASE_INSENSITIVE);
    /** A reporter's answer to "请回复 1-5 为本次办理评分": one digit, maybe with 分 or 星. */
    private static final Pattern RATING = Pattern.compile("^([1-5])\\s*(?:分|星|颗星)?[\\s。.!！]*$");

    private static final int MAX_TEXT = 4000;

    @Inject
    IntakeConfig config;

    @Inject
    Directory directory;

    @Inject
    OpinionService opinions;

    @Inject
    OpinionQueries queries;

    @Inject
    MemberMessages memberMessages;

    @Inject
    io.tongxin.inbox.InboundCommands commands;

    @Inject
    Clock clock;

    private Pattern channels;

    @PostConstruct
    void compile() {
        channels = Pattern.compile(config.channels());
    }

    @Override
    public boolean wants(InboundMessage m) {
        return addressesTheBot(m) || mayBeRating(m);
    }

    @Override
    public Optional<String> handle(InboundMessage m) {
        boolean addressed = addressesTheBot(m);
        if (!addressed && !mayBeRating(m)) {
            return Optional.empty();
        }
        if (commands.claimed(m)) {
            return Optional.empty(); // another handler's command (e.g. 报名 <event>): not a concern
        }
        String text = withoutMentions(m.text());
        Optional<MemberInfo> member = directory.memberByIdentity(m.channelKey(), m.senderId());
        Optional<Integer> rating = rating(ratingText(m.text(), m.mentionsBot()));
        if (!m.senderVerified()) {
            // the transport cannot vouch for the sender: nothing is done in a member's or reporter's name
            // a member's identity is never acted on nor filed as a resident's concern; a rating neither
            if (member.isPresent() || rating.isPresent()) {
                return addressed ? Optional.of(IntakeMessages.unverifiedSender()) : Optional.empty();
            }
        }
        if (member.isPresent()) {
            return addressed ? memberMessages.handle(member.get(), m, text) : Optional.empty();
        }
        if (rating.isPresent()) {
            Optional<String> rated = rate(m, rating.get(), addressed);
            if (rated.isPresent() || !addressed) {
                return rated; // a bare digit in a group that rates nothing is chatter
            }
        }
        Optional<StatusQuery> status = statusQuery(text);
        if (status.isPresent()) {
            return Optional.of(
                    status.get().number() == null
                            ? IntakeMessages.statusUsage()
                            : statusOf(status.get().number()));
        }
        if (asksHelp(text) || text.codePointCount(0, text.length()) < config.minLength()) {
            return Optional.of(IntakeMessages.help(m.inGroup()));
        }
        return Optional.of(IntakeMessages.received(file(m, text)));
    }

    /**
     * A bare 1–5 in a chat, even without an @-mention: residents answer the rating request in the group
     * as they would to a person. Only the text is checked here (this runs for every message); whether
     * the sender has a resolved opinion to rate is checked when it is handled.
     */
    private boolean mayBeRating(InboundMessage m) {
        return config.enabled()
                && m.kind() == MessageKind.TEXT
                && m.text() != null
                && m.senderId() != null
                && !m.senderId().isBlank()
                && rating(ratingText(m.text(), m.mentionsBot())).isPresent()
                && channels.matcher(m.channelKey()).matches();
    }

    /** The text a rating is read from: mentions dropped only when they address the bot ("@张三 5" is for 张三). */
    static String ratingText(String text, boolean mentionsBot) {
        return mentionsBot ? withoutMentions(text) : text.strip();
    }

    /** The rating (1–5) a reporter's answer gives, if it is one: one digit, maybe with 分 or 星. */
    static Optional<Integer> rating(String ratingText) {
        Matcher m = RATING.matcher(ratingText);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** A status query ({@code 查询 2026-123}); {@code number} in full, or null when none was given. */
    record StatusQuery(String number) {}

    static Optional<StatusQuery> statusQuery(String text) {
        Matcher m = STATUS.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new StatusQuery(
                m.group(1) == null
                        ? null
                        : String.format(Locale.ROOT, "%s-%06d", m.group(1), Long.parseLong(m.group(2)))));
    }

    static boolean asksHelp(String text) {
        return HELP.matcher(text).matches();
    }

    /**
     * Rates (and closes) the sender's resolved opinion from this chat, if there is one to rate: in
     * the inbox transaction, so a retried message never rates twice. A bare digit in a group without
     * an @-mention counts only within {@code tongxin.intake.rating-window} of the resolution.
     */
    private Optional<String> rate(InboundMessage m, int rating, boolean addressed) {
        Instant after = addressed || !m.inGroup() ? null : clock.instant().minus(config.ratingWindow());
        Optional<String> number = queries.awaitingRating(m.channelKey(), m.chatId(), m.senderId(), after);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        try {
            opinions.actInChat(
                    number.get(),
                    OpinionAction.CLOSE,
                    new OpinionActionRequest(null, null, null, null, rating, null),
                    Actor.organizer("bot"));
            return Optional.of(IntakeMessages.rated(number.get(), rating));
        } catch (DomainException | ProblemException e) {
            return Optional.empty(); // rated meanwhile: nothing to answer
        }
    }

    /** Text from a resident's or member's chat identity, in a group only with an @-mention of the bot. */
    private boolean addressesTheBot(InboundMessage m) {
        return config.enabled()
                && m.kind() == MessageKind.TEXT
                && m.text() != null
                && !m.text().isBlank()
                && m.senderId() != null
                && !m.senderId().isBlank()
                && (!m.inGroup() || m.mentionsBot())
                && channels.matcher(m.channelKey()).matches();
    }

    private OpinionView file(InboundMessage m, String text) {
        GroupInfo group = m.inGroup()
                ? directory.findGroupByChat(m.channelKey(), m.chatId()).orElse(null)
                : null;
        String community = group == null ? null : group.communityCode();
        // a community implies its workstation; a group bound only to a workstation files there
        String workstation = group == null || community != null ? null : group.workstationCode();
        ResidentInfo resident = directory.findOrCreateResident(m.channelKey(), m.senderId(), m.senderName());
        // the reply below (inline, or through the outbox when late) tells the reporter the number and the assignee
        var source = new NewOpinion.SourceMessage(
                m.channelKey(), m.chatId(), m.senderId(), m.senderName(), m.inboxId(), true);
        return opinions.create(
                new NewOpinion(cut(text), community, workstation, resident.code(), null, source),
                Actor.organizer("bot"));
    }

    private String statusOf(String number) {
        return queries.find(number).map(IntakeMessages::status).orElseGet(() -> IntakeMessages.unknown(number));
    }

    /** Drops the @-mentions that open or close the text (the bot's, usually); mentions inside it stay. */
    static String withoutMentions(String text) {
        String t = LEADING_MENTIONS.matcher(text).replaceFirst("");
        t = TRAILING_MENTIONS.matcher(t).replaceFirst("");
        return t.strip();
    }

    private static String cut(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        return text.substring(0, end);
    }
}
