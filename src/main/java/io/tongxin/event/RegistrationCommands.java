package io.tongxin.event;

import io.tongxin.channel.MessageKind;
import io.tongxin.directory.Directory;
import io.tongxin.directory.GroupInfo;
import io.tongxin.directory.MemberInfo;
import io.tongxin.directory.ResidentInfo;
import io.tongxin.inbox.InboundHandler;
import io.tongxin.inbox.InboundMessage;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registration commands in chat, on any channel: {@code 报名 <event> <姓名> [年龄]},
 * {@code 取消报名 <code>}, {@code 我的报名}, and {@code 签到 <code>} (or {@code 签到 <event> <code>})
 * by an organizer. Like the report intake it listens in a group only when @-mentioned, in a direct
 * chat to anything; it {@link #claims} its commands so the intake does not also file them as concerns.
 *
 * <p>A sign-up in a group bound to a community is for that community; the registrant is the resident
 * the sender is (found or created from the chat identity), and the registration keeps the chat
 * identity so promotions and reminders reach them. An organizer in chat is a member who heads a
 * workstation (站长). Runs in the inbox transaction: a refusal changes nothing and is answered.
 */
@ApplicationScoped
public class RegistrationCommands implements InboundHandler {

    private static final String MENTION = "@[^\\s\\u2005]+";
    private static final Pattern LEADING_MENTIONS =
            Pattern.compile("^(?:[\\s\\u2005]*" + MENTION + "(?:[\\s\\u2005]+|$))+");
    private static final Pattern TRAILING_MENTIONS = Pattern.compile("(?:[\\s\\u2005]+" + MENTION + ")+[\\s\\u2005]*$");

    private static final String SEP = "[\\s\\u3000:：]+";
    private static final Pattern SIGN_UP = Pattern.compile("^报名(?:" + SEP + "(.*))?$", Pattern.DOTALL);
    private static final Pattern SIGN_UP_ARGS =
            Pattern.compile("^(\\S+)(?:[\\s\\u3000]+(.+?))??(?:[\\s\\u3000]+(\\d{1,3})\\s*岁?)?[\\s。.!！]*$");
    private static final Pattern CANCEL = Pattern.compile("^取消报名(?:" + SEP + "(.*))?$", Pattern.DOTALL);
    private static final Pattern MINE = Pattern.compile("^(?:我的报名|查询报名|查看报名)[\\s。.?？!！]*$");
    private static final Pattern CHECK_IN = Pattern.compile("^签到(?:" + SEP + "(.*))?$", Pattern.DOTALL);

    /** At most this many registrations in a {@code 我的报名} answer. */
    private static final int MINE_LIMIT = 10;

    enum Verb {
        SIGN_UP,
        CANCEL,
        MINE,
        CHECK_IN
    }

    /** A parsed command: its verb and the words after it (may be empty). */
    record Command(Verb verb, List<String> args, String rest) {}

    @Inject
    Directory directory;

    @Inject
    RegistrationService registrations;

    @Inject
    RegistrationQueries queries;

    @Inject
    AttendanceRecords attendance;

    @Inject
    ZoneId zone;

    @Override
    public boolean wants(InboundMessage m) {
        return addressesTheBot(m) && claims(m);
    }

    @Override
    public boolean claims(InboundMessage m) {
        return m.kind() == MessageKind.TEXT
                && m.text() != null
                && parse(withoutMentions(m.text())).isPresent();
    }

    @Override
    public Optional<String> handle(InboundMessage m) {
        if (!addressesTheBot(m)) {
            return Optional.empty();
        }
        Optional<Command> command = m.text() == null ? Optional.empty() : parse(withoutMentions(m.text()));
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (!m.senderVerified()) {
            return Optional.of(RegistrationMessages.unverifiedSender());
        }
        Command c = command.get();
        return Optional.of(
                switch (c.verb()) {
                    case SIGN_UP -> signUp(m, c);
                    case CANCEL -> cancel(m, c);
                    case MINE -> RegistrationMessages.own(queries.own(m.channelKey(), m.senderId(), MINE_LIMIT));
                    case CHECK_IN -> checkIn(m, c);
                });
    }

    /** The command a text (without its @-mentions) is, if it is one. No database: {@link #claims} uses it. */
    static Optional<Command> parse(String text) {
        String t = text.strip();
        Matcher x;
        if ((x = SIGN_UP.matcher(t)).matches()) {
            return Optional.of(command(Verb.SIGN_UP, x.group(1)));
        }
        if ((x = CANCEL.matcher(t)).matches()) {
            return Optional.of(command(Verb.CANCEL, x.group(1)));
        }
        if (MINE.matcher(t).matches()) {
            return Optional.of(new Command(Verb.MINE, List.of(), ""));
        }
        if ((x = CHECK_IN.matcher(t)).matches()) {
            return Optional.of(command(Verb.CHECK_IN, x.group(1)));
        }
        return Optional.empty();
    }

    private static Command command(Verb verb, String rest) {
        String r = rest == null ? "" : rest.strip();
        return new Command(verb, r.isEmpty() ? List.of() : List.of(r.split("[\\s\\u3000]+")), r);
    }

    private String signUp(InboundMessage m, Command c) {
        Matcher a = SIGN_UP_ARGS.matcher(c.rest());
        if (!a.matches() || a.group(2) == null) {
            return RegistrationMessages.usage();
        }
        String eventCode = a.group(1);
        Integer age = a.group(3) == null ? null : Integer.valueOf(a.group(3));
        GroupInfo group = m.inGroup()
                ? directory.findGroupByChat(m.channelKey(), m.chatId()).orElse(null)
                : null;
        String community = group == null ? null : group.communityCode();
        try {
            // the fields are checked first, so a bad age does not leave a new resident behind
            NewRegistration r = new NewRegistration(
                    a.group(2),
                    community,
                    null,
                    age,
                    null,
                    new NewRegistration.Signer(m.channelKey(), m.senderId(), m.chatId()));
            ResidentInfo resident = directory.findOrCreateResident(m.channelKey(), m.senderId(), m.senderName());
            r = new NewRegistration(r.participantName(), community, resident.code(), age, null, r.signer());
            SignUp outcome = registrations.register(eventCode, r);
            if (outcome instanceof SignUp.Created created) {
                return RegistrationMessages.created(created.eventTitle(), created.registration());
            }
            if (outcome instanceof SignUp.AlreadySignedUp again) {
                return RegistrationMessages.alreadySignedUp(again.eventTitle(), again.registration());
            }
            SignUp.Refused refused = (SignUp.Refused) outcome;
            return RegistrationMessages.refused(refused.eventTitle(), refused, zone);
        } catch (DomainException e) {
            return switch (e.kind()) {
                case NOT_FOUND -> RegistrationMessages.unknownEvent(eventCode);
                case INVALID_FIELD -> RegistrationMessages.invalid(e.field(), e.fieldMessage());
                default -> RegistrationMessages.usage();
            };
        }
    }

    private String cancel(InboundMessage m, Command c) {
        if (c.args().isEmpty()) {
            return RegistrationMessages.usage();
        }
        String code = c.args().get(c.args().size() - 1).toUpperCase(Locale.ROOT);
        return registrations
                .cancelOwn(m.channelKey(), m.senderId(), code)
                .map(RegistrationMessages::cancelled)
                .orElseGet(() -> RegistrationMessages.notYours(code));
    }

    private String checkIn(InboundMessage m, Command c) {
        if (!isOrganizer(m)) {
            return RegistrationMessages.checkInNotAllowed();
        }
        if (c.args().isEmpty() || c.args().size() > 2) {
            return RegistrationMessages.checkInUsage();
        }
        String code = c.args().get(c.args().size() - 1).toUpperCase(Locale.ROOT);
        String eventCode;
        if (c.args().size() == 2) {
            eventCode = c.args().get(0);
        } else {
            List<String> events = queries.eventsWithLiveCode(code);
            if (events.isEmpty()) {
                return RegistrationMessages.unknownCode(code);
            }
            if (events.size() > 1) {
                return RegistrationMessages.ambiguousCode(code, events);
            }
            eventCode = events.get(0);
        }
        try {
            String by = "chat:"
                    + directory
                            .memberByIdentity(m.channelKey(), m.senderId())
                            .map(MemberInfo::code)
                            .orElse("?");
            return RegistrationMessages.checkedIn(attendance.checkIn(eventCode, code, null, by));
        } catch (DomainException e) {
            return switch (e.kind()) {
                case NOT_FOUND ->
                    e.getMessage().startsWith("event")
                            ? RegistrationMessages.unknownEvent(eventCode)
                            : RegistrationMessages.unknownCode(code);
                case INVALID_FIELD -> RegistrationMessages.noSessionNow();
                default -> RegistrationMessages.cannotCheckIn(e.getMessage());
            };
        }
    }

    /** A member who heads a workstation (站长) organizes events in chat. */
    private boolean isOrganizer(InboundMessage m) {
        Optional<MemberInfo> member = directory.memberByIdentity(m.channelKey(), m.senderId());
        return member.isPresent()
                && member.get().workstationCode() != null
                && directory
                        .workstationHead(member.get().workstationCode())
                        .map(h -> h.code().equals(member.get().code()))
                        .orElse(false);
    }

    /** Text from a chat identity, in a group only with an @-mention of the bot (as the report intake decides). */
    private static boolean addressesTheBot(InboundMessage m) {
        return m.kind() == MessageKind.TEXT
                && m.text() != null
                && !m.text().isBlank()
                && m.senderId() != null
                && !m.senderId().isBlank()
                && (!m.inGroup() || m.mentionsBot());
    }

    static String withoutMentions(String text) {
        String t = LEADING_MENTIONS.matcher(text).replaceFirst("");
        t = TRAILING_MENTIONS.matcher(t).replaceFirst("");
        return t.strip();
    }
}
