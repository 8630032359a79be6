package io.tongxin.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Events held in a period: invitations, confirmations, registrations, attendance, certificates. */
public record EventReport(LocalDate from, LocalDate to, List<Item> items) {

    /** One event (docs/reports.md defines every field). */
    public record Item(
            String code,
            String title,
            String kind,
            String status,
            Instant startsAt,
            long invitationsSent,
            long membersInvited,
            long membersAttending,
            long membersOnLeave,
            long membersPending,
            long workstationsConfirmed,
            long workstationsNotConfirmed,
            long councilsConfirmed,
            long councilsNotConfirmed,
            int capacity,
            long registered,
            long waitlisted,
            long cancelled,
            List<Community> communities,
            List<Session> sessions,
            Long certificates) {}

    /** Registrations from one community against its quota (null: no quota of its own). */
    public record Community(String code, String name, Integer quota, long registered, long waitlisted) {}

    /** Check-ins of one session. */
    public record Session(int number, String code, Instant startsAt, String status, long attended) {}
}
