package io.tongxin.report;

import io.tongxin.security.Caller;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The reports, computed in SQL (docs/reports.md defines every figure). The REST resource and the
 * dashboard call these in-process; who may see what is decided here: organizers and admins see
 * everything, a member only the opinions currently assigned to them (and no event or delivery report).
 */
@ApplicationScoped
public class Reports {

    @Inject
    OpinionFigures opinionFigures;

    @Inject
    EventFigures eventFigures;

    @Inject
    DeliveryFigures deliveryFigures;

    @Inject
    Clock clock;

    @Inject
    ZoneId zone;

    /** Today in {@code tongxin.zone} (for the default period, the current month). */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The current month in {@code tongxin.zone}. */
    public ReportPeriod currentMonth() {
        return ReportPeriod.monthOf(today());
    }

    /** Opinion figures per group; a member gets only their own opinions (for {@code by=member}: their row). */
    public OpinionReport opinions(ReportPeriod period, Grouping by, Caller caller) {
        String member = scope(caller);
        List<OpinionReport.Item> items = opinionFigures.items(period, by, member, clock.instant());
        if (member != null && by == Grouping.MEMBER && items.isEmpty()) {
            items = List.of(opinionFigures.emptyMember(member));
        }
        return new OpinionReport(period.from(), period.to(), by, items);
    }

    /** Filed and resolved per week of the period, for the dashboard's trend (a member: their own). */
    public List<WeekPoint> weekly(ReportPeriod period, Caller caller) {
        return opinionFigures.weekly(period, scope(caller));
    }

    /** The events of the period; organizers and admins only. */
    public EventReport events(ReportPeriod period, Caller caller) {
        requireOrganizer(caller);
        return new EventReport(period.from(), period.to(), eventFigures.items(period));
    }

    /** Outbox delivery per channel; organizers and admins only. */
    public DeliveryReport delivery(ReportPeriod period, Caller caller) {
        requireOrganizer(caller);
        return new DeliveryReport(period.from(), period.to(), deliveryFigures.items(period));
    }

    /** The member whose opinions the caller may see, or null for all of them. */
    private static String scope(Caller caller) {
        if (caller.isAtLeastOrganizer()) {
            return null;
        }
        if (caller.isMember() && caller.memberCode() != null) {
            return caller.memberCode();
        }
        throw DomainException.notAllowed("only organizers, admins and members may read reports");
    }

    private static void requireOrganizer(Caller caller) {
        if (!caller.isAtLeastOrganizer()) {
            throw DomainException.notAllowed("only organizers and admins may read this report");
        }
    }
}
