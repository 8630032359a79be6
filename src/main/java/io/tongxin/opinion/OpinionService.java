package io.tongxin.opinion;

import io.tongxin.audit.Audit;
import io.tongxin.media.MediaAttachments;
import io.tongxin.opinion.dictionary.Classification;
import io.tongxin.opinion.dictionary.DictionaryService;
import io.tongxin.opinion.routing.MemberLoads;
import io.tongxin.opinion.routing.OpinionRouter;
import io.tongxin.opinion.routing.RoutingDecision;
import io.tongxin.opinion.routing.RoutingDirectory;
import io.tongxin.shared.BlankText;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.KnownAbsent;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Changes to opinions: create (classify, number, route, notify) and the {@link OpinionAction}s, each
 * a method of the {@link Opinion} aggregate, which refuses illegal transitions. Members may act only
 * on their own assignments. Reading is {@link OpinionQueries}; the SLA milestones are
 * {@code sla/SlaEngine}.
 */
@ApplicationScoped
public class OpinionService {

    @Inject
    Clock clock;

    @Inject
    OpinionConfig config;

    @Inject
    DictionaryService dictionary;

    @Inject
    OpinionRouter router;

    @Inject
    MemberLoads loads;

    @Inject
    RoutingDirectory directory;

    @Inject
    OpinionNumbers numbers;

    @Inject
    OpinionNotifier notify;

    @Inject
    OpinionMessages messages;

    @Inject
    OpinionViews views;

    @Inject
    MediaAttachments media;

    @Inject
    Audit audit;

    @Inject
    KnownAbsent absent;

    /** What the audit trail keeps of an opinion before and after an action: no texts, no names. */
    record Audited(
            String status,
            String assigneeCode,
            String categoryName,
            String communityCode,
            Integer satisfaction,
            String mergedInto) {
        static Audited of(Opinion o) {
            return new Audited(
                    o.status == null ? null : o.status.wire(),
                    o.assigneeCode,
                    o.categoryName,
                    o.communityCode,
                    o.satisfaction,
                    o.mergedInto);
        }
    }

    /**
     * Files, classifies, numbers and routes a new opinion; the reporter and assignee are notified.
     * Idempotent per source inbox message: filing the same inbound message again (a retried attempt)
     * answers the opinion it already became, which the unique {@code inbox_message_id} backs up.
     */
    @Transactional
    public OpinionView create(NewOpinion cmd, Actor actor) {
        if (cmd.source() != null
                && cmd.source().inboxMessageId() != null
                && !absent.absent(FILED_FROM_INBOX, cmd.source().inboxMessageId())) {
            var existing = OpinionSource.<OpinionSource>find(
                            "inboxMessageId", cmd.source().inboxMessageId())
                    .firstResultOptional();
            if (existing.isPresent()) {
                return views.view(existing.get().opinion);
            }
        }
        NewOpinion.requireText(cmd.text());
        String community = blankToNull(cmd.communityCode());
        String workstation = blankToNull(cmd.workstationCode());
        if (community != null && !directory.communityExists(community)) {
            throw DomainException.invalidField("communityCode", "no community with code '" + community + "'");
        }
        if (workstation != null && !directory.workstationExists(workstation)) {
            throw DomainException.invalidField("workstationCode", "no workstation with code '" + workstation + "'");
        }
        if (community != null && workstation == null) {
            workstation = directory.workstationOfCommunity(community).orElse(null);
        }
        String residentCode = blankToNull(cmd.residentCode());
        RoutingDirectory.ResidentRecord resident = null;
        if (residentCode != null) {
            resident = directory
                    .resident(residentCode)
                    .orElseThrow(() -> DomainException.invalidField(
                            "residentCode", "no resident with code '" + residentCode + "'"));
        }
        Instant now = clock.instant();
        Classification c = dictionary.classify(cmd.text());
        Opinion o = Opinion.receive(numbers.next(now), cmd.text(), c, cmd.urgency(), config, actor.name(), now);
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
        // routed before it is stored: the row is inserted once with its assignee (routing's own statements
        // flush the session; an opinion persisted before them was inserted, then updated at commit)
        RoutingDecision d = router.route(
                new OpinionRouter.Request(residentCode, community, workstation, o.categoryName, c.sectorCodes(), null));
        o.route(d, views.candidatesJson(d), config, "router", now);
        account(o);
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
            absent.written(FILED_FROM_INBOX, src.inboxMessageId());
        }
        o.sources.add(s);
        // the photo, voice message or location the reporter sent just before (attach-after is the media room's):
        // the new opinion's only attachments in this transaction (nothing else can see it yet)
        int attached = src == null ? 0 : media.attachRecent(o.id, src.channelKey(), src.chatId(), src.userId(), now);
        boolean reporterAnswered = src != null && src.answeredInChat();
        if (d.assigned() && attached == 0) {
            notify.assigned(o, !reporterAnswered, null, now, List.of());
        } else if (d.assigned()) {
            notify.assigned(o, !reporterAnswered, null, now);
        } else if (!reporterAnswered) {
            notify.toReporter(o, messages.reporterQueued(o), "queued", now);
        }
        if (src != null && src.userId() != null) {
            audit.changedInChat(
                    Audit.ChatActor.resident(src.channelKey(), src.userId(), src.chatId()),
                    "opinion.create",
                    "opinion",
                    o.number,
                    null,
                    Audited.of(o));
        } else {
            audit.changed("opinion.create", "opinion", o.number, null, Audited.of(o));
        }
        return views.view(o, d.candidates());
    }

    /** {@link KnownAbsent} kind: inbox messages no opinion was filed from. */
    private static final String FILED_FROM_INBOX = "opinion.filed-from-inbox";

    /**
     * For a batch of inbox messages handled in one transaction: which of them no opinion was filed
     * from yet (the usual case: a retried or re-driven message's opinion is found, not filed twice),
     * read by one statement, so {@link #create} checks those without one each; and the senders'
     * unattached photos ({@link MediaAttachments#prepare}).
     */
    public void prepareFiling(List<io.tongxin.inbox.InboundMessage> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Long> ids =
                batch.stream().map(io.tongxin.inbox.InboundMessage::inboxId).toList();
        List<Long> filed = OpinionSource.getEntityManager()
                .createQuery("select s.inboxMessageId from OpinionSource s where s.inboxMessageId in :ids", Long.class)
                .setParameter("ids", ids)
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
                .getResultList();
        absent.record(FILED_FROM_INBOX, ids, new java.util.HashSet<>(filed));
        media.prepare(batch.stream()
                .map(m -> new String[] {m.channelKey(), m.chatId(), m.senderId()})
                .toList());
    }

    /** Performs {@code action} on an opinion for {@code actor}; see docs/opinions.md for the actions. */
    @Transactional
    public OpinionView act(String number, OpinionAction action, OpinionActionRequest r, Actor actor) {
        return perform(number, action, r, actor, null);
    }

    /**
     * {@link #act} for a chat message (a member's command, a reporter's rating), inside the inbox
     * transaction that marks the message processed, so the action and the processed mark commit
     * together: a retried message never applies it twice. Only {@link OpinionAction#inChat} actions,
     * which check everything before they write anything: a refusal ({@link DomainException}) does not
     * mark the caller's transaction for rollback, so the caller can answer with the reason and still
     * commit.
     */
    @Transactional(
            value = Transactional.TxType.MANDATORY,
            dontRollbackOn = {DomainException.class, ProblemException.class})
    public OpinionView actInChat(
            String number, OpinionAction action, OpinionActionRequest r, Actor actor, Audit.ChatActor who) {
        if (!action.inChat()) {
            throw new IllegalArgumentException("not a chat action: " + action.wire());
        }
        return perform(number, action, r, actor, who);
    }

    private OpinionView perform(
            String number, OpinionAction action, OpinionActionRequest r, Actor actor, Audit.ChatActor inChat) {
        Opinion o = lockedByNumber(number);
        Audited before = Audited.of(o);
        OpinionView after = perform(o, number, action, r, actor);
        String what = "opinion." + action.wire();
        if (inChat != null) {
            audit.changedInChat(inChat, what, "opinion", o.number, before, Audited.of(o));
        } else {
            audit.changed(what, "opinion", o.number, before, Audited.of(o));
        }
        return after;
    }

    private OpinionView perform(Opinion o, String number, OpinionAction action, OpinionActionRequest r, Actor actor) {
        OpinionActionRequest req = r == null ? OpinionActionRequest.empty() : r;
        if (!action.allows(actor)) {
            throw DomainException.notAllowed("members may only acknowledge, note, resolve or transfer");
        }
        actor.requireOwn(o.number, o.assigneeCode);
        Instant now = clock.instant();
        String who = actor.name();
        switch (action) {
            case ACKNOWLEDGE -> o.acknowledge(config, who, now);
            case NOTE ->
                o.note(
                        required(req.note(), "note"),
                        actor.memberCode() != null && actor.memberCode().equals(o.assigneeCode),
                        config,
                        who,
                        now);
            case RESOLVE -> {
                o.resolve(required(req.note(), "note"), config, who, now);
                account(o);
                notify.toReporter(o, messages.reporterResolved(o), "resolved", now);
            }
            case TRANSFER, ASSIGN -> {
                boolean transfer = action == OpinionAction.TRANSFER;
                String reason = req.reason() != null ? req.reason() : req.note();
                if (!transfer && req.memberCode() == null) {
                    throw DomainException.invalidField("memberCode", "is required to assign");
                }
                o.requirePassable(transfer); // before routing, which locks members
                // the member handing over is locked first (its load moves): routing then waits only by the rule
                loads.hold(o.countedAssignee, req.memberCode());
                RoutingDecision d = decide(o, req.memberCode(), transfer, who, reason);
                boolean firstAssignment = o.assigneeCode == null; // e.g. out of the organizer queue
                OpinionMessages.Handover handover = firstAssignment
                        ? null
                        : new OpinionMessages.Handover(
                                transfer, o.assigneeName, o.assigneeCode.equals(actor.memberCode()), reason);
                o.assign(d, views.candidatesJson(d), transfer, config, who, reason, now);
                account(o);
                notify.assigned(o, firstAssignment, handover, now); // the reporter hears of the first assignee only
            }
            case REJECT -> {
                o.reject(req.reason() != null ? req.reason() : req.note(), config, who, now);
                account(o);
                notify.toReporter(o, messages.reporterRejected(o), "rejected", now);
            }
            case MERGE -> {
                String target = required(req.targetNumber(), "targetNumber");
                if (target.equals(o.number)) {
                    throw DomainException.illegalTransition("opinion " + number + " cannot be merged into itself");
                }
                o.mergeInto(lockedByNumber(target), config, who, now);
                account(o);
            }
            case REOPEN -> {
                o.reopen(req.reason() != null ? req.reason() : req.note(), config, who, now);
                account(o);
                notify.toMember(
                        o,
                        o.assigneeCode,
                        messages.assigneeReopened(o, o.history.get(o.history.size() - 1).note),
                        "reopened",
                        now);
            }
            case CLOSE -> o.close(req.rating(), req.note(), config, who, now);
            case REPORT -> o.report(req.title(), req.note(), config, who, now);
            case ADOPT -> o.adopt(req.note(), config, who, now);
        }
        account(o); // the actions above that leave the open assignee as it was: nothing to move
        return views.view(o);
    }

    /**
     * Moves the members' open loads with the opinion's open assignee, right after a state change and
     * before anything can flush it ({@link OpenLoadGuard} refuses the write otherwise).
     */
    private void account(Opinion o) {
        String from = o.countedAssignee;
        String to = OpenLoadGuard.openAssignee(o);
        if (!Objects.equals(from, to)) {
            o.countedAssignee = to;
            loads.moved(from, to);
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

    private Opinion lockedByNumber(String number) {
        return Opinion.<Opinion>find("number", number)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .orElseThrow(() -> DomainException.notFound("opinion", number));
    }

    private static String required(String value, String field) {
        if (BlankText.isBlank(value)) {
            throw DomainException.invalidField(field, "is required for this action");
        }
        return value.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
