package io.tongxin.opinion.sla;

import io.tongxin.opinion.Milestone;
import io.tongxin.opinion.Opinion;
import io.tongxin.opinion.OpinionConfig;
import io.tongxin.opinion.OpinionMessages;
import io.tongxin.opinion.OpinionNotifier;
import io.tongxin.opinion.OpinionStatus;
import io.tongxin.opinion.PlaceNames;
import io.tongxin.opinion.Places;
import io.tongxin.opinion.routing.RoutingDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The SLA milestones of opinions (the plan is {@link Opinion#milestones}): reminders to the
 * assignee, escalations to the workstation head then the organizers (督办), and the auto-close of
 * resolved opinions. Triggered by {@link SlaScheduler}.
 */
@ApplicationScoped
public class SlaEngine {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    OpinionConfig config;

    @Inject
    RoutingDirectory directory;

    @Inject
    OpinionNotifier notify;

    @Inject
    OpinionMessages messages;

    @Inject
    PlaceNames placeNames;

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
        List<Long> claimed = ids.stream().map(Number::longValue).toList();
        List<Opinion> due = claimed.isEmpty()
                ? List.of()
                : Opinion.<Opinion>list("id in ?1", claimed).stream()
                        .sorted(Comparator.comparingInt(o -> claimed.indexOf(o.id)))
                        .toList();
        Places places = placeNames.of(due); // the notices' place names, two queries for the whole pass
        for (Opinion o : due) {
            handleDue(o, places, now);
        }
        return ids.size();
    }

    private void handleDue(Opinion o, Places places, Instant now) {
        List<Milestone.Due> plan = o.milestones(config);
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
            Milestone.Due due = plan.get(i);
            boolean superseded = i < last;
            switch (due.milestone()) {
                case REMIND_HALF, REMIND_LATE -> {
                    if (superseded) {
                        o.slaHandled(i + 1, null, null, null, config, now);
                        continue;
                    }
                    boolean late = due.milestone() == Milestone.REMIND_LATE;
                    o.slaHandled(
                            i + 1,
                            "reminded",
                            "sla",
                            (late ? "90%" : "50%") + " of the acknowledge window passed; reminded " + o.assigneeCode,
                            config,
                            now);
                    notify.toMember(o, o.assigneeCode, messages.assigneeReminder(o, late), "reminded-" + i, now);
                }
                case ESCALATE_HEAD -> escalateToHead(o, places, i, now);
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
                    notify.toOrganizers(
                            o,
                            messages.escalation(o, places, deadline, true, true),
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

    /** To the workstation head, or to the organizers when the workstation has none (or there is none). */
    private void escalateToHead(Opinion o, Places places, int i, Instant now) {
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
            notify.toMember(
                    o,
                    head,
                    messages.escalation(o, places, deadline, false, false),
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
            notify.toOrganizers(
                    o,
                    messages.escalation(o, places, deadline, false, true),
                    "escalated-head-" + o.version + "-" + i,
                    now);
        }
    }
}
