package io.tongxin.opinion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tongxin.opinion.dictionary.Classification;
import io.tongxin.opinion.dictionary.DictionaryService;
import io.tongxin.opinion.routing.OpinionRouter;
import io.tongxin.opinion.routing.RoutingDecision;
import io.tongxin.opinion.routing.RoutingDirectory;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import io.tongxin.shared.Phones;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Opinions: create (classify, number, route, notify), act on them (each action is a method of the
 * {@link Opinion} aggregate, which refuses illegal transitions), list and show them, and run the SLA
 * milestones. Members may see and act on only their own assignments.
 */
@ApplicationScoped
public class OpinionService {

    private static final Logger LOG = Logger.getLogger(OpinionService.class);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Set<String> MEMBER_ACTIONS = Set.of("acknowledge", "note", "resolve", "transfer");
    private static final Set<String> ACTIONS = Set.of(
            "acknowledge",
            "note",
            "resolve",
            "transfer",
            "reject",
            "merge",
            "reopen",
            "close",
            "report",
            "adopt",
            "assign");

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    OpinionConfig config;

    @Inject
    DictionaryService dictionary;

    @Inject
    OpinionRouter router;

    @Inject
    RoutingDirectory directory;

    @Inject
    OpinionNotices notices;

    @Inject
    ObjectMapper json;

    /**
     * Files, classifies, numbers and routes a new opinion; the reporter and assignee are notified.
     * Idempotent per source inbox message: filing the same inbound message again (a retried attempt)
     * answers the opinion it already became, which the unique {@code inbox_message_id} backs up.
     */
    @Transactional
    public OpinionView create(NewOpinion cmd, Actor actor) {
        if (cmd.source() != null && cmd.source().inboxMessageId() != null) {
            var existing = OpinionSource.<OpinionSource>find(
                            "inboxMessageId", cmd.source().inboxMessageId())
                    .firstResultOptional();
            if (existing.isPresent()) {
                return view(existing.get().opinion);
            }
        }
        if (cmd.text() == null || cmd.text().isBlank()) {
            throw ProblemException.invalidField("text", "must not be blank");
        }
        if (cmd.text().length() > 4000) {
            throw ProblemException.invalidField("text", "at most 4000 characters");
        }
        if (cmd.urgency() != null && !Set.of("normal", "urgent").contains(cmd.urgency())) {
            throw ProblemException.invalidField("urgency", "must be normal or urgent");
        }
        String community = blankToNull(cmd.communityCode());
        String workstation = blankToNull(cmd.workstationCode());
        if (community != null && !directory.communityExists(community)) {
            throw ProblemException.invalidField("communityCode", "no community with code '" + community + "'");
        }
        if (workstation != null && !directory.workstationExists(workstation)) {
            throw ProblemException.invalidField("workstationCode", "no workstation with code '" + workstation + "'");
        }
        if (community != null && workstation == null) {
            workstation = directory.workstationOfCommunity(community).orElse(null);
        }
        String residentCode = blankToNull(cmd.residentCode());
        RoutingDirectory.ResidentRecord resident = null;
        if (residentCode != null) {
            resident = directory
                    .resident(residentCode)
                    .orElseThrow(() -> ProblemException.invalidField(
                            "residentCode", "no resident with code '" + residentCode + "'"));
        }
        Instant now = clock.instant();
        Classification c = dictionary.classify(cmd.text());
        Opinion o = Opinion.receive(nextNumber(now), cmd.text(), c, cmd.urgency(), config, actor.name(), now);
        o.communityCode = community;
        o.workstationCode = workstation;
        o.reporterCode = residentCode;
        NewOpinion.SourceMessage src = cmd.source();
        if (src != null) {
            o.reporterChannelKey = src.channelKey();
            o.reporterChatId = src.chatId();
            o.reporterUserId = src.userId();
            o.reporterName = src.displayName();
        } else if (resident != null) {
            o.reporterChannelKey = resident.channelKey();
            o.reporterUserId = resident.userId();
        }
        if (resident != null) {
            o.reporterName = o.reporterName != null ? o.reporterName : resident.displayName();
            o.reporterPhone = resident.phone();
        }
        o.persist();
        OpinionSource s = new OpinionSource();
        s.opinion = o;
        s.originNumber = o.number;
        s.text = o.text;
        s.receivedAt = now;
        if (src != null) {
            s.channelKey = src.channelKey();
            s.chatId = src.chatId();
            s.userId = src.userId();
            s.inboxMessageId = src.inboxMessageId();
        }
        o.sources.add(s);
        RoutingDecision d = router.route(
                new OpinionRouter.Request(residentCode, community, workstation, o.categoryName, c.sectorCodes(), null));
        o.route(d, candidatesJson(d), config, "router", now);
        boolean reporterAnswered = src != null && src.answeredInChat();
        if (d.assigned()) {
            notifyAssigned(o, !reporterAnswered, now);
        } else if (!reporterAnswered) {
            toReporter(o, OpinionMessages.reporterQueued(o), "queued", now);
        }
        return view(o);
    }

    /** Performs {@code action} on an opinion for {@code actor}; see docs/opinions.md for the actions. */
    @Transactional
    public OpinionView act(String number, String action, OpinionActionRequest r, Actor actor) {
        return perform(number, action, r, actor);
    }

    /**
     * Actions taken from a chat message: each checks everything before it writes anything (a
     * transfer may leave the members' lock rows it created, which are bookkeeping, not state).
     */
    private static final Set<String> CHAT_ACTIONS = Set.of("acknowledge", "note", "resolve", "transfer", "close");

    /**
     * {@link #act} for a chat message (a member's command, a reporter's rating), inside the inbox
     * transaction that marks the message processed, so the action and the processed mark commit
     * together: a retried message never applies it twice. A refusal (403, 404, 409, 400) is thrown
     * before anything is written and does not mark the caller's transaction for rollback, so the
     * caller can answer with the reason and still commit.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public OpinionView actInChat(String number, String action, OpinionActionRequest r, Actor actor) {
        if (!CHAT_ACTIONS.contains(action)) {
            throw new IllegalArgumentException("not a chat action: " + action);
        }
        return perform(number, action, r, actor);
    }

    private OpinionView perform(String number, String action, OpinionActionRequest r, Actor actor) {
        if (!ACTIONS.contains(action)) {
            throw ProblemException.notFound("action", action);
        }
        OpinionActionRequest req = r == null ? OpinionActionRequest.empty() : r;
        Opinion o = lockedByNumber(number);
        if (!actor.organizer()) {
            if (!MEMBER_ACTIONS.contains(action)) {
                throw ProblemException.forbidden("members may only acknowledge, note, resolve or transfer");
            }
            requireOwn(o, actor);
        }
        Instant now = clock.instant();
        String who = actor.name();
        switch (action) {
            case "acknowledge" -> o.acknowledge(config, who, now);
            case "note" ->
                o.note(
                        required(req.note(), "note"),
                        actor.memberCode() != null && actor.memberCode().equals(o.assigneeCode),
                        config,
                        who,
                        now);
            case "resolve" -> {
                o.resolve(required(req.note(), "note"), config, who, now);
                toReporter(o, OpinionMessages.reporterResolved(o), "resolved", now);
            }
            case "transfer", "assign" -> {
                boolean transfer = action.equals("transfer");
                String reason = req.reason() != null ? req.reason() : req.note();
                if (!transfer && req.memberCode() == null) {
                    throw ProblemException.invalidField("memberCode", "is required to assign");
                }
                o.requirePassable(transfer); // before routing, which locks and touches members
                RoutingDecision d = decide(o, req.memberCode(), transfer, who, reason);
                boolean firstAssignment = o.assigneeCode == null; // e.g. out of the organizer queue
                o.assign(d, candidatesJson(d), transfer, config, who, reason, now);
                notifyAssigned(o, firstAssignment, now); // the reporter hears of the first assignee only
            }
            case "reject" -> {
                o.reject(req.reason() != null ? req.reason() : req.note(), config, who, now);
                toReporter(o, OpinionMessages.reporterRejected(o), "rejected", now);
            }
            case "merge" -> {
                String target = required(req.targetNumber(), "targetNumber");
                if (target.equals(o.number)) {
                    throw ProblemException.conflict("opinion " + number + " cannot be merged into itself");
                }
                o.mergeInto(lockedByNumber(target), config, who, now);
            }
            case "reopen" -> {
                o.reopen(req.reason() != null ? req.reason() : req.note(), config, who, now);
                toMember(
                        o,
                        o.assigneeCode,
                        OpinionMessages.assigneeReopened(o, o.history.get(o.history.size() - 1).note),
                        "reopened",
                        now);
            }
            case "close" -> o.close(req.rating(), req.note(), config, who, now);
            case "report" -> o.report(req.title(), req.note(), config, who, now);
            case "adopt" -> o.adopt(req.note(), config, who, now);
            default -> throw ProblemException.notFound("action", action);
        }
        return view(o);
    }

    /**
     * The resolved, not yet rated opinion this chat identity reported in this chat (null = a direct
     * chat), resolved after {@code resolvedAfter} (null = any time), most recently resolved first:
     * what a resident's "5" in that chat rates.
     */
    @Transactional
    public Optional<String> awaitingRating(String channelKey, String chatId, String userId, Instant resolvedAfter) {
        StringBuilder where =
                new StringBuilder("status = :status and reporterChannelKey = :channel and reporterUserId = :user");
        Parameters p = Parameters.with("status", OpinionStatus.RESOLVED)
                .and("channel", channelKey)
                .and("user", userId);
        if (chatId == null) {
            where.append(" and reporterChatId is null");
        } else {
            where.append(" and reporterChatId = :chat");
            p.and("chat", chatId);
        }
        if (resolvedAfter != null) {
            where.append(" and resolvedAt > :after");
            p.and("after", resolvedAfter);
        }
        return Opinion.<Opinion>find(
                        where.toString(), Sort.descending("resolvedAt").and("id", Sort.Direction.Descending), p)
                .firstResultOptional()
                .map(o -> o.number);
    }

    /**
     * A member's open assignments (assigned: due to be acknowledged; acknowledged or in progress: due to
     * be resolved), the nearest deadline first, at most {@code limit} of them, and how many there are.
     */
    @Transactional
    public ListResult<OpinionView> openAssignments(String memberCode, int limit) {
        var q = Opinion.<Opinion>find(
                "assigneeCode = ?1 and status in ?2",
                Sort.ascending("createdAt").and("id"),
                memberCode,
                List.of(OpinionStatus.ASSIGNED, OpinionStatus.ACKNOWLEDGED, OpinionStatus.IN_PROGRESS));
        List<Opinion> open = new ArrayList<>(q.page(0, 500).list());
        open.sort(java.util.Comparator.comparing(
                        (Opinion o) -> o.status == OpinionStatus.ASSIGNED ? o.ackDueAt : o.resolveDueAt)
                .thenComparing(o -> o.number));
        return new ListResult<>(open.stream().limit(limit).map(this::view).toList(), q.count());
    }

    /** An opinion by number for the system itself (the bot's status answers): no access check, never throws. */
    @Transactional
    public Optional<OpinionView> find(String number) {
        return Opinion.findByNumber(number).map(this::view);
    }

    @Transactional
    public OpinionView get(String number, Actor actor) {
        Opinion o = Opinion.findByNumber(number).orElseThrow(() -> ProblemException.notFound("opinion", number));
        if (!actor.organizer()) {
            requireOwn(o, actor);
        }
        return view(o);
    }

    /** Lists opinions newest first; a member's list is restricted to their own assignments. */
    @Transactional
    public ListResult<OpinionView> list(OpinionFilter f, Paging page, Actor actor) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        String assignee = actor.organizer() ? blankToNull(f.assignee) : actor.memberCode();
        if (assignee != null) {
            where.append(" and assigneeCode = :assignee");
            p.and("assignee", assignee);
        }
        if (blankToNull(f.status) != null) {
            try {
                p.and("status", OpinionStatus.fromWire(f.status));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", "unknown status '" + f.status + "'");
            }
            where.append(" and status = :status");
        }
        if (blankToNull(f.community) != null) {
            where.append(" and communityCode = :community");
            p.and("community", f.community);
        }
        if (blankToNull(f.workstation) != null) {
            where.append(" and workstationCode = :workstation");
            p.and("workstation", f.workstation);
        }
        if (blankToNull(f.category) != null) {
            where.append(" and (categoryCode = :category or categoryName = :category)");
            p.and("category", f.category);
        }
        if (blankToNull(f.sector) != null) {
            List<String> members = directory.membersOfSectors(List.of(f.sector.strip())).stream()
                    .map(RoutingDirectory.MemberRecord::code)
                    .toList();
            where.append(members.isEmpty() ? " and 1 = 0" : " and assigneeCode in :sectorMembers");
            if (!members.isEmpty()) {
                p.and("sectorMembers", members);
            }
        }
        Instant now = clock.instant();
        if (Boolean.TRUE.equals(f.overdue)) {
            where.append(
                    " and ((status in :ackPhase and ackDueAt < :now) or (status in :resolvePhase and resolveDueAt < :now))");
            p.and("ackPhase", List.of(OpinionStatus.RECEIVED, OpinionStatus.ASSIGNED))
                    .and("resolvePhase", List.of(OpinionStatus.ACKNOWLEDGED, OpinionStatus.IN_PROGRESS))
                    .and("now", now);
        } else if (Boolean.FALSE.equals(f.overdue)) {
            where.append(
                    " and not ((status in :ackPhase and ackDueAt < :now) or (status in :resolvePhase and resolveDueAt < :now))");
            p.and("ackPhase", List.of(OpinionStatus.RECEIVED, OpinionStatus.ASSIGNED))
                    .and("resolvePhase", List.of(OpinionStatus.ACKNOWLEDGED, OpinionStatus.IN_PROGRESS))
                    .and("now", now);
        }
        if (blankToNull(f.from) != null) {
            where.append(" and createdAt >= :from");
            p.and("from", instant(f.from, "from", false));
        }
        if (blankToNull(f.to) != null) {
            where.append(" and createdAt < :to");
            p.and("to", instant(f.to, "to", true));
        }
        var q = Opinion.<Opinion>find(
                where.toString(), Sort.descending("createdAt").and("id", Sort.Direction.Descending), p);
        List<OpinionView> items =
                q.page(page.page(), page.size()).list().stream().map(this::view).toList();
        return new ListResult<>(items, q.count());
    }

    /**
     * One SLA pass: claims due opinions ({@code FOR UPDATE SKIP LOCKED}, so two instances never handle
     * the same one) and performs their due milestones: reminders (a reminder already superseded by a
     * later due milestone is skipped), escalations to the workstation head then the organizers, and
     * the auto-close of resolved opinions. Returns how many opinions were handled.
     */
    @Transactional
    public int runSla() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from opinion where sla_next_at <= ?1 order by sla_next_at "
                        + "limit ?2 for update skip locked")
                .setParameter(1, now)
                .setParameter(2, config.slaBatchSize())
                .getResultList();
        for (Number id : ids) {
            handleDue(Opinion.findById(id.longValue()), now);
        }
        return ids.size();
    }

    private void handleDue(Opinion o, Instant now) {
        List<Opinion.Due> plan = o.milestones(config);
        int last = -1;
        for (int i = o.slaStage; i < plan.size(); i++) {
            if (!plan.get(i).at().isAfter(now)) {
                last = i;
            }
        }
        if (last < 0) {
            o.slaHandled(o.slaStage, null, null, null, config, now);
            return;
        }
        for (int i = o.slaStage; i <= last; i++) {
            Opinion.Due due = plan.get(i);
            boolean superseded = i < last;
            switch (due.milestone()) {
                case REMIND_HALF, REMIND_LATE -> {
                    if (superseded) {
                        o.slaHandled(i + 1, null, null, null, config, now);
                        continue;
                    }
                    boolean late = due.milestone() == Opinion.Milestone.REMIND_LATE;
                    o.slaHandled(
                            i + 1,
                            "reminded",
                            "sla",
                            (late ? "90%" : "50%") + " of the acknowledge window passed; reminded " + o.assigneeCode,
                            config,
                            now);
                    toMember(o, o.assigneeCode, OpinionMessages.assigneeReminder(o, late), "reminded-" + i, now);
                }
                case ESCALATE_HEAD -> {
                    Instant deadline = o.acknowledgedAt == null ? o.ackDueAt : o.resolveDueAt;
                    String head = o.workstationCode == null
                            ? null
                            : directory
                                    .workstationHead(o.workstationCode)
                                    .map(RoutingDirectory.MemberRecord::code)
                                    .orElse(null);
                    if (head != null) {
                        o.slaHandled(
                                i + 1,
                                "escalated",
                                "sla",
                                "deadline " + deadline + " missed; escalated to workstation head " + head + " of "
                                        + o.workstationCode,
                                config,
                                now);
                        toMember(
                                o,
                                head,
                                OpinionMessages.escalation(o, deadline, false, false),
                                "escalated-head-" + o.version + "-" + i,
                                now);
                    } else {
                        o.slaHandled(
                                i + 1,
                                "escalated",
                                "sla",
                                "deadline " + deadline + " missed; no workstation head known, escalated to organizers",
                                config,
                                now);
                        toOrganizers(
                                o,
                                OpinionMessages.escalation(o, deadline, false, true),
                                "escalated-head-" + o.version + "-" + i,
                                now);
                    }
                }
                case ESCALATE_ORGANIZERS -> {
                    Instant deadline = o.status == OpinionStatus.RECEIVED || o.acknowledgedAt == null
                            ? o.ackDueAt
                            : o.resolveDueAt;
                    o.slaHandled(
                            i + 1,
                            "escalated",
                            "sla",
                            "still overdue (deadline " + deadline + "); escalated to organizers (督办)",
                            config,
                            now);
                    toOrganizers(
                            o,
                            OpinionMessages.escalation(o, deadline, true, true),
                            "escalated-organizers-" + o.version + "-" + i,
                            now);
                }
                case AUTO_CLOSE ->
                    o.close(
                            null,
                            "closed automatically " + config.autoCloseAfter().toDays() + " days after resolution",
                            config,
                            "sla",
                            now);
            }
        }
    }

    private RoutingDecision decide(Opinion o, String memberCode, boolean transfer, String who, String reason) {
        String rule = transfer ? RoutingDecision.TRANSFER : RoutingDecision.MANUAL;
        if (memberCode != null) {
            String why = (transfer ? "transferred" : "assigned") + " by " + who + (reason == null ? "" : ": " + reason);
            return router.assignTo(memberCode, rule, why);
        }
        // a transfer without a named member: route again, leaving out the member handing it over
        Classification c = dictionary.classify(o.text);
        RoutingDecision d = router.route(new OpinionRouter.Request(
                o.reporterCode, o.communityCode, o.workstationCode, o.categoryName, c.sectorCodes(), o.assigneeCode));
        return new RoutingDecision(
                d.rule(),
                "transfer by " + who + (reason == null ? "" : " (" + reason + ")") + " re-routed: " + d.reason(),
                d.candidates(),
                d.memberCode(),
                d.memberName());
    }

    private void notifyAssigned(Opinion o, boolean firstTime, Instant now) {
        toMember(o, o.assigneeCode, OpinionMessages.assigneeAssigned(o), "assigned-" + o.assigneeCode, now);
        if (firstTime) {
            toReporter(o, OpinionMessages.reporterAssigned(o), "assigned", now);
        }
    }

    // Each notice's key is taken before any "unaddressed" event is recorded, so a retried transaction
    // computes the same keys (the outbox stores each key once).

    private void toReporter(Opinion o, String text, String what, Instant now) {
        if (o.reporterChannelKey != null && o.reporterUserId != null) {
            unaddressed(
                    o,
                    notices.toReporter(
                            o.number,
                            new OpinionNotices.ReporterAddress(
                                    o.reporterChannelKey, o.reporterChatId, o.reporterUserId),
                            text,
                            origin(o, what)),
                    now);
        }
    }

    private void toMember(Opinion o, String memberCode, String text, String what, Instant now) {
        unaddressed(o, notices.toMember(o.number, memberCode, o.reporterChannelKey, text, origin(o, what)), now);
    }

    private void toOrganizers(Opinion o, String text, String what, Instant now) {
        unaddressed(o, notices.toOrganizers(o.number, o.workstationCode, text, origin(o, what)), now);
    }

    /** A notice nobody could receive is not an error; the history says so, for organizers to follow up. */
    private static void unaddressed(Opinion o, OpinionNotices.Delivery d, Instant now) {
        if (!d.queued()) {
            o.record("unaddressed", "notices", now, d.problem());
        }
    }

    private static String origin(Opinion o, String what) {
        return "opinion:" + o.number + ":" + what + ":" + o.history.size();
    }

    private Opinion lockedByNumber(String number) {
        return Opinion.<Opinion>find("number", number)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("opinion", number));
    }

    private static void requireOwn(Opinion o, Actor actor) {
        if (actor.memberCode() == null || !actor.memberCode().equals(o.assigneeCode)) {
            throw ProblemException.forbidden("opinion " + o.number + " is not assigned to you");
        }
    }

    private String nextNumber(Instant now) {
        long n = ((Number) em.createNativeQuery("select nextval('opinion_number_seq')")
                        .getSingleResult())
                .longValue();
        return String.format(Locale.ROOT, "%d-%06d", now.atZone(ZONE).getYear(), n);
    }

    private String candidatesJson(RoutingDecision d) {
        try {
            return json.writeValueAsString(d.candidates());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    OpinionView view(Opinion o) {
        List<RoutingDecision.Candidate> candidates = List.of();
        if (o.routingCandidates != null) {
            try {
                candidates =
                        json.readValue(o.routingCandidates, new TypeReference<List<RoutingDecision.Candidate>>() {});
            } catch (JsonProcessingException e) {
                LOG.warnf("unreadable routing candidates on opinion %s", o.number);
            }
        }
        var routing =
                o.routingRule == null ? null : new OpinionView.Routing(o.routingRule, o.routingReason, candidates);
        var reporter = o.reporterCode == null && o.reporterUserId == null
                ? null
                : new OpinionView.Reporter(o.reporterCode, o.reporterName, Phones.mask(o.reporterPhone));
        List<OpinionView.Source> sources = new ArrayList<>();
        o.sources.forEach(s -> sources.add(new OpinionView.Source(
                s.originNumber, s.channelKey, s.chatId, s.inboxMessageId, s.text, s.receivedAt)));
        List<OpinionView.Event> history = new ArrayList<>();
        o.history.forEach(e -> history.add(new OpinionView.Event(e.type, e.actor, e.at, e.note)));
        return new OpinionView(
                o.number,
                o.status.wire(),
                o.title,
                o.text,
                o.categoryName,
                o.categoryCode,
                o.urgency,
                o.complexity,
                o.classificationReason,
                o.communityCode,
                o.workstationCode,
                reporter,
                o.assigneeCode == null ? null : new OpinionView.Assignee(o.assigneeCode, o.assigneeName),
                routing,
                o.ackDueAt,
                o.resolveDueAt,
                o.overdue(clock.instant()),
                o.acknowledgedAt,
                o.resolvedAt,
                o.resolution,
                o.closedAt,
                o.satisfaction,
                o.rejectReason,
                o.mergedInto,
                o.upward,
                o.reportTitle,
                o.createdAt,
                sources,
                history);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "is required for this action");
        }
        return value.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant instant(String value, String field, boolean endOfDay) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZONE).toInstant();
            } catch (DateTimeParseException e2) {
                throw ProblemException.invalidField(field, "must be an ISO instant or date");
            }
        }
    }
}
