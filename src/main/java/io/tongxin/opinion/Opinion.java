package io.tongxin.opinion;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.tongxin.opinion.dictionary.Classification;
import io.tongxin.opinion.routing.RoutingDecision;
import io.tongxin.shared.DomainException;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A social-opinion item (社情民意) and its rules. Every state change goes through a method here that
 * checks the current state (an illegal transition throws {@link DomainException#illegalTransition}),
 * records a history event and re-plans the SLA milestones.
 *
 * <pre>
 * received -> assigned -> acknowledged -> in_progress -> resolved -> closed
 * received|assigned -> rejected;  received..in_progress -> merged
 * assigned|acknowledged|in_progress -> assigned (transfer / assign);  resolved|closed -> assigned (reopen)
 * </pre>
 */
@Entity
@Table(name = "opinion")
@jakarta.persistence.EntityListeners(OpenLoadGuard.class)
public class Opinion extends PanacheEntityBase {

    /** Not yet resolved, rejected or merged: may still be passed on or merged. */
    private static final Set<OpinionStatus> NOT_DONE = EnumSet.of(
            OpinionStatus.RECEIVED, OpinionStatus.ASSIGNED, OpinionStatus.ACKNOWLEDGED, OpinionStatus.IN_PROGRESS);

    @Id
    @GeneratedValue(generator = "opinion_id")
    @jakarta.persistence.SequenceGenerator(name = "opinion_id", sequenceName = "opinion_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, unique = true, length = 16)
    public String number;

    @Convert(converter = OpinionStatus.DbConverter.class)
    @Column(nullable = false, length = 16)
    public OpinionStatus status;

    @Column(nullable = false, length = 4000)
    public String text;

    @Column(nullable = false, length = 64)
    public String title;

    @Column(name = "category_code", length = 64)
    public String categoryCode;

    @Column(name = "category_name", length = 100)
    public String categoryName;

    @Convert(converter = Urgency.DbConverter.class)
    @Column(nullable = false, length = 8)
    public Urgency urgency;

    @Convert(converter = Complexity.DbConverter.class)
    @Column(nullable = false, length = 8)
    public Complexity complexity;

    @Column(name = "classification_reason", length = 1000)
    public String classificationReason;

    @Column(name = "community_code", length = 64)
    public String communityCode;

    @Column(name = "workstation_code", length = 64)
    public String workstationCode;

    @Column(name = "reporter_code", length = 64)
    public String reporterCode;

    @Column(name = "reporter_channel_key", length = 64)
    public String reporterChannelKey;

    @Column(name = "reporter_chat_id", length = 128)
    public String reporterChatId;

    @Column(name = "reporter_user_id", length = 128)
    public String reporterUserId;

    @Column(name = "reporter_name", length = 100)
    public String reporterName;

    /** Stored in full for the member who calls back; every view masks it. */
    @Column(name = "reporter_phone", length = 32)
    public String reporterPhone;

    @Column(name = "assignee_code", length = 64)
    public String assigneeCode;

    @Column(name = "assignee_name", length = 100)
    public String assigneeName;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    @Column(name = "routing_rule", length = 32)
    public String routingRule;

    @Column(name = "routing_reason", length = 1000)
    public String routingReason;

    /** The candidates of the last routing decision, as JSON. */
    @Column(name = "routing_candidates", length = 16000)
    public String routingCandidates;

    @Column(name = "ack_due_at")
    public Instant ackDueAt;

    @Column(name = "resolve_due_at")
    public Instant resolveDueAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(length = 2000)
    public String resolution;

    @Column(name = "closed_at")
    public Instant closedAt;

    public Integer satisfaction;

    @Column(name = "reject_reason", length = 1000)
    public String rejectReason;

    @Column(name = "merged_into", length = 16)
    public String mergedInto;

    /** null, reported or adopted: the upward pipeline, independent of the lifecycle. */
    @Convert(converter = Upward.DbConverter.class)
    @Column(length = 16)
    public Upward upward;

    @Column(name = "report_title", length = 200)
    public String reportTitle;

    @Column(name = "report_summary", length = 2000)
    public String reportSummary;

    /** How many milestones of the current phase were handled. */
    @Column(name = "sla_stage", nullable = false)
    public int slaStage;

    /** When the SLA job must next look at this opinion; null when nothing is pending. */
    @Column(name = "sla_next_at")
    public Instant slaNextAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** The member whose open load counts this opinion as stored: see {@link OpenLoadGuard}. */
    @jakarta.persistence.Transient
    String countedAssignee;

    public static Optional<Opinion> findByNumber(String number) {
        return find("number", number).firstResultOptional();
    }

    @OneToMany(mappedBy = "opinion", cascade = CascadeType.ALL)
    @OrderBy("at, id")
    public List<OpinionEvent> history = new ArrayList<>();

    @OneToMany(mappedBy = "opinion", cascade = CascadeType.ALL)
    @OrderBy("receivedAt, id")
    public List<OpinionSource> sources = new ArrayList<>();

    /** A new opinion in state {@code received}; urgency given by a caller overrides the dictionary's. */
    static Opinion receive(
            String number,
            String text,
            Classification c,
            Urgency urgency,
            OpinionConfig config,
            String actor,
            Instant now) {
        Opinion o = new Opinion();
        o.number = number;
        o.status = OpinionStatus.RECEIVED;
        o.text = text.strip();
        o.title = OpinionTitle.of(o.text);
        o.categoryCode = c.categoryCode();
        o.categoryName = c.categoryName();
        o.urgency = urgency != null ? urgency : (c.urgent() ? Urgency.URGENT : Urgency.NORMAL);
        o.complexity = c.complex() ? Complexity.COMPLEX : Complexity.NORMAL;
        o.classificationReason =
                c.reason() + (urgency != null ? "; urgency set to " + urgency.wire() + " by " + actor : "");
        o.createdAt = now;
        o.updatedAt = now;
        o.ackDueAt = now.plus(config.ackWindow(o.urgent()));
        o.record("created", actor, now, o.classificationReason);
        o.planSla(config);
        return o;
    }

    public boolean urgent() {
        return urgency == Urgency.URGENT;
    }

    public boolean complex() {
        return complexity == Complexity.COMPLEX;
    }

    /** Applies an automatic routing decision to a received opinion (organizer queue keeps it received). */
    void route(RoutingDecision d, String candidatesJson, OpinionConfig config, String actor, Instant now) {
        require("route", EnumSet.of(OpinionStatus.RECEIVED));
        applyDecision(d, candidatesJson);
        record("routed", actor, now, d.rule() + ": " + d.reason());
        if (d.assigned()) {
            becomeAssigned(d, config, now, true);
        }
        touch(config, now, true);
    }

    /** Throws unless the opinion can be assigned or transferred now: checked before it is routed. */
    void requirePassable(boolean transfer) {
        require(transfer ? "transfer" : "assign", NOT_DONE);
    }

    /** Assignment or transfer (转交): a fresh acknowledge window; the resolve deadline kept, never before it. */
    void assign(
            RoutingDecision d,
            String candidatesJson,
            boolean transfer,
            OpinionConfig config,
            String actor,
            String note,
            Instant now) {
        requirePassable(transfer);
        if (!d.assigned()) {
            throw DomainException.conflict("opinion " + number + " could not be passed on: " + d.reason());
        }
        if (d.memberCode().equals(assigneeCode) && status.open()) {
            throw DomainException.illegalTransition("opinion " + number + " is already assigned to " + d.memberCode());
        }
        String from = assigneeCode;
        applyDecision(d, candidatesJson);
        record(
                transfer ? "transferred" : "assigned",
                actor,
                now,
                (from == null ? "" : from + " -> ") + d.memberCode() + (note == null ? "" : ": " + note));
        becomeAssigned(d, config, now, resolveDueAt == null);
        touch(config, now, true);
    }

    private void applyDecision(RoutingDecision d, String candidatesJson) {
        routingRule = d.rule();
        routingReason = d.reason();
        routingCandidates = candidatesJson;
    }

    private void becomeAssigned(RoutingDecision d, OpinionConfig config, Instant now, boolean newResolveDeadline) {
        status = OpinionStatus.ASSIGNED;
        assigneeCode = d.memberCode();
        assigneeName = d.memberName();
        assignedAt = now;
        acknowledgedAt = null;
        ackDueAt = now.plus(config.ackWindow(urgent()));
        if (newResolveDeadline) {
            resolveDueAt = now.plus(config.resolveWindow(complex()));
        } else if (resolveDueAt.isBefore(ackDueAt)) {
            // a late transfer: the new assignee is not overdue the moment they acknowledge
            resolveDueAt = ackDueAt;
        }
    }

    void acknowledge(OpinionConfig config, String actor, Instant now) {
        require("acknowledge", EnumSet.of(OpinionStatus.ASSIGNED));
        status = OpinionStatus.ACKNOWLEDGED;
        acknowledgedAt = now;
        record("acknowledged", actor, now, null);
        touch(config, now, true);
    }

    /** A progress note; the assignee's first note on an acknowledged opinion moves it to in_progress. */
    void note(String note, boolean byAssignee, OpinionConfig config, String actor, Instant now) {
        require("add a note to", EnumSet.range(OpinionStatus.RECEIVED, OpinionStatus.RESOLVED));
        if (byAssignee && status == OpinionStatus.ACKNOWLEDGED) {
            status = OpinionStatus.IN_PROGRESS;
        }
        record("note", actor, now, note);
        touch(config, now, false);
    }

    void resolve(String summary, OpinionConfig config, String actor, Instant now) {
        require("resolve", EnumSet.of(OpinionStatus.ACKNOWLEDGED, OpinionStatus.IN_PROGRESS));
        status = OpinionStatus.RESOLVED;
        resolvedAt = now;
        resolution = summary;
        record("resolved", actor, now, summary);
        touch(config, now, true);
    }

    /** Closes a resolved opinion: by an organizer, at the reporter's rating (1–5) or automatically. */
    public void close(Integer rating, String note, OpinionConfig config, String actor, Instant now) {
        require(rating != null ? "rate" : "close", EnumSet.of(OpinionStatus.RESOLVED));
        if (rating != null) {
            satisfaction = rating;
            record("rated", actor, now, rating + "/5" + (note == null ? "" : ": " + note));
        }
        status = OpinionStatus.CLOSED;
        closedAt = now;
        record("closed", actor, now, rating == null ? note : null);
        touch(config, now, true);
    }

    /** Back to the same assignee when the reporter says it is not solved, within the reopen window. */
    void reopen(String reason, OpinionConfig config, String actor, Instant now) {
        require("reopen", EnumSet.of(OpinionStatus.RESOLVED, OpinionStatus.CLOSED));
        if (resolvedAt == null || now.isAfter(resolvedAt.plus(config.reopenWithin()))) {
            throw DomainException.illegalTransition("opinion " + number + " was resolved more than "
                    + config.reopenWithin().toDays() + " days ago and can no longer be reopened; file a new one");
        }
        if (assigneeCode == null) {
            throw DomainException.illegalTransition("opinion " + number + " has no assignee to reopen it to");
        }
        status = OpinionStatus.ASSIGNED;
        assignedAt = now;
        acknowledgedAt = null;
        resolvedAt = null;
        closedAt = null;
        satisfaction = null;
        ackDueAt = now.plus(config.ackWindow(urgent()));
        resolveDueAt = now.plus(config.resolveWindow(complex()));
        record("reopened", actor, now, reason);
        touch(config, now, true);
    }

    void reject(String reason, OpinionConfig config, String actor, Instant now) {
        require("reject", EnumSet.of(OpinionStatus.RECEIVED, OpinionStatus.ASSIGNED));
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalidField("reason", "a rejection needs a reason");
        }
        status = OpinionStatus.REJECTED;
        rejectReason = reason.strip();
        record("rejected", actor, now, rejectReason);
        touch(config, now, true);
    }

    /** Merges this opinion into {@code target}: its sources move there, both histories say so. */
    void mergeInto(Opinion target, OpinionConfig config, String actor, Instant now) {
        require("merge", NOT_DONE);
        if (target == this) {
            throw DomainException.illegalTransition("opinion " + number + " cannot be merged into itself");
        }
        if (!NOT_DONE.contains(target.status)) {
            throw DomainException.illegalTransition(
                    "opinion " + target.number + " is " + target.status.wire() + " and cannot take merged opinions");
        }
        for (OpinionSource s : List.copyOf(sources)) {
            s.opinion = target;
            sources.remove(s);
            target.sources.add(s);
        }
        status = OpinionStatus.MERGED;
        mergedInto = target.number;
        record("merged", actor, now, "merged into " + target.number);
        target.record("merged", actor, now, "absorbed " + number + ": " + title);
        target.updatedAt = now;
        touch(config, now, true);
    }

    void report(String reportTitle, String summary, OpinionConfig config, String actor, Instant now) {
        if (status == OpinionStatus.REJECTED || status == OpinionStatus.MERGED) {
            throw DomainException.illegalTransition(
                    "opinion " + number + " is " + status.wire() + " and cannot be reported upward");
        }
        if (upward != null) {
            throw DomainException.illegalTransition("opinion " + number + " is already " + upward.wire());
        }
        upward = Upward.REPORTED;
        this.reportTitle = reportTitle == null || reportTitle.isBlank() ? title : reportTitle.strip();
        reportSummary = summary;
        record("reported", actor, now, this.reportTitle + (summary == null ? "" : ": " + summary));
        touch(config, now, false);
    }

    void adopt(String note, OpinionConfig config, String actor, Instant now) {
        if (upward != Upward.REPORTED) {
            throw DomainException.illegalTransition(
                    "opinion " + number + " must be reported upward before it can be adopted"
                            + (upward == null ? "" : " (it is " + upward.wire() + ")"));
        }
        upward = Upward.ADOPTED;
        record("adopted", actor, now, note);
        touch(config, now, false);
    }

    /** Records an SLA reminder or escalation and moves the SLA plan past the handled milestones. */
    public void slaHandled(int handledUpTo, String type, String actor, String note, OpinionConfig config, Instant now) {
        if (type != null) {
            record(type, actor, now, note);
        }
        slaStage = handledUpTo;
        slaNextAt = nextSla(config);
        updatedAt = now;
    }

    /** The milestones of the current phase, in order. */
    public List<Milestone.Due> milestones(OpinionConfig config) {
        return switch (status) {
            case RECEIVED -> List.of(Milestone.ESCALATE_ORGANIZERS.at(ackDueAt));
            case ASSIGNED -> {
                Duration window = Duration.between(assignedAt, ackDueAt);
                yield List.of(
                        Milestone.REMIND_HALF.at(
                                assignedAt.plus(window.multipliedBy(5).dividedBy(10))),
                        Milestone.REMIND_LATE.at(
                                assignedAt.plus(window.multipliedBy(9).dividedBy(10))),
                        Milestone.ESCALATE_HEAD.at(ackDueAt),
                        Milestone.ESCALATE_ORGANIZERS.at(ackDueAt.plus(config.organizerEscalationAfter(urgent()))));
            }
            case ACKNOWLEDGED, IN_PROGRESS ->
                List.of(
                        Milestone.ESCALATE_HEAD.at(resolveDueAt),
                        Milestone.ESCALATE_ORGANIZERS.at(resolveDueAt.plus(config.organizerEscalationAfter(urgent()))));
            case RESOLVED -> List.of(Milestone.AUTO_CLOSE.at(resolvedAt.plus(config.autoCloseAfter())));
            default -> List.of();
        };
    }

    /** Overdue: past the acknowledge deadline while unacknowledged, or past the resolve deadline while open. */
    public boolean overdue(Instant now) {
        return switch (status) {
            case RECEIVED, ASSIGNED -> ackDueAt != null && now.isAfter(ackDueAt);
            case ACKNOWLEDGED, IN_PROGRESS -> resolveDueAt != null && now.isAfter(resolveDueAt);
            default -> false;
        };
    }

    /** After a change: a new phase (status or assignee changed) starts its milestones afresh. */
    private void touch(OpinionConfig config, Instant now, boolean newPhase) {
        updatedAt = now;
        if (newPhase) {
            planSla(config);
        } else {
            slaNextAt = nextSla(config);
        }
    }

    private void planSla(OpinionConfig config) {
        // a new phase starts with none of its milestones handled
        slaStage = 0;
        slaNextAt = nextSla(config);
    }

    private Instant nextSla(OpinionConfig config) {
        List<Milestone.Due> m = milestones(config);
        return slaStage < m.size() ? m.get(slaStage).at() : null;
    }

    void record(String type, String actor, Instant at, String note) {
        OpinionEvent e = new OpinionEvent();
        e.opinion = this;
        e.type = type;
        e.actor = actor;
        e.at = at;
        e.note = note == null ? null : (note.length() > 4000 ? note.substring(0, 4000) : note);
        history.add(e);
    }

    private void require(String action, Set<OpinionStatus> ok) {
        if (!ok.contains(status)) {
            throw DomainException.illegalTransition(
                    "cannot " + action + " opinion " + number + ": it is " + status.wire() + " (allowed when "
                            + ok.stream().map(OpinionStatus::wire).collect(Collectors.joining(", ")) + ")");
        }
    }
}
