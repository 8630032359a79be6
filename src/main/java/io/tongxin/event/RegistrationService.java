package io.tongxin.event;

import io.tongxin.audit.Audit;
import io.tongxin.directory.Directory;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sign-ups, cancellations and waitlist promotion, each under the event row's lock
 * ({@link Event#lockByCode}, {@code SELECT … FOR UPDATE}) so capacity and quotas hold across requests
 * and instances. Every method checks everything before it writes anything, so a refusal
 * ({@link DomainException}) leaves a chat caller's inbox transaction intact: it answers with the reason
 * and commits. Every change fires {@link EventChanged.Change#REGISTRATIONS} for the reminder planner.
 */
@ApplicationScoped
public class RegistrationService {

    /** Fresh codes tried before giving up (32^8 codes: a second try is already rare). */
    private static final int CODE_ATTEMPTS = 20;

    @Inject
    Directory directory;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    RegistrationNotices notices;

    @Inject
    AttendanceRecords attendance;

    @Inject
    jakarta.enterprise.event.Event<EventChanged> changed;

    /**
     * Signs a participant up: registered while there is a place in the capacity and the community's
     * quota, else waitlisted. The same participant twice (same chat identity and name, or same
     * resident and name) gets their existing registration back.
     */
    @Transactional(dontRollbackOn = {DomainException.class, ProblemException.class})
    public SignUp register(String eventCode, NewRegistration r) {
        if (r.communityCode() != null
                && directory.findCommunity(r.communityCode()).isEmpty()) {
            throw DomainException.invalidField("communityCode", "community '" + r.communityCode() + "' does not exist");
        }
        if (r.residentCode() != null && directory.findResident(r.residentCode()).isEmpty()) {
            throw DomainException.invalidField("residentCode", "resident '" + r.residentCode() + "' does not exist");
        }
        Event event = locked(eventCode);
        Instant now = clock.instant();
        Optional<SignUp.Refused> refused = refusal(event, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Registration> existing = duplicate(event, r);
        if (existing.isPresent()) {
            return new SignUp.AlreadySignedUp(view(event, existing.get()), event.title);
        }
        Registration reg = newRegistration(event, r, now);
        reg.code = freshCode(event.id);
        reg.persist();
        changed.fire(EventChanged.of(event.id, EventChanged.Change.REGISTRATIONS));
        audited(event, reg, "registration.create", null);
        return new SignUp.Created(view(event, reg), event.title);
    }

    /**
     * What {@link #register} would answer now, writing nothing, locking nothing and drawing no code
     * (the bot's playground): a new registration comes back with a null code.
     */
    @Transactional(dontRollbackOn = {DomainException.class, ProblemException.class})
    public SignUp wouldRegister(String eventCode, NewRegistration r) {
        Event event = EventQueries.find(eventCode);
        Instant now = clock.instant();
        Optional<SignUp.Refused> refused = refusal(event, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Registration> existing = duplicate(event, r);
        if (existing.isPresent()) {
            return new SignUp.AlreadySignedUp(view(event, existing.get()), event.title);
        }
        return new SignUp.Created(
                RegistrationView.of(newRegistration(event, r, now), event.code, List.of()), event.title);
    }

    /** Why the event takes no sign-ups now, if it does not (read without its lock: a hint, not a promise). */
    @Transactional(dontRollbackOn = DomainException.class)
    public Optional<SignUp.Refused> closedNow(String eventCode) {
        return refusal(EventQueries.find(eventCode), clock.instant());
    }

    /** A registration as {@code r} asks, not yet persisted and without a code; its status by the free places. */
    private static Registration newRegistration(Event event, NewRegistration r, Instant now) {
        Registration reg = new Registration();
        reg.eventId = event.id;
        reg.participantName = r.participantName();
        reg.communityCode = r.communityCode();
        reg.residentCode = r.residentCode();
        reg.age = r.age();
        reg.note = r.note();
        if (r.signer() != null) {
            reg.channelKey = r.signer().channelKey();
            reg.userId = r.signer().userId();
            reg.chatId = r.signer().chatId();
        }
        Places places = Places.of(event);
        reg.status = places.fits(reg.communityCode) ? RegistrationStatus.REGISTERED : RegistrationStatus.WAITLISTED;
        reg.createdAt = now;
        return reg;
    }

    /** Cancels a registration (again: no change) and gives freed places to the waitlist. */
    @Transactional(dontRollbackOn = {DomainException.class, ProblemException.class})
    public RegistrationView cancel(String eventCode, String registrationCode) {
        Event event = locked(eventCode);
        return cancel(event, registration(event, registrationCode));
    }

    /**
     * Cancels a registration signed up from this chat identity, found by its code alone (codes are
     * unique per event; the sender's live registrations decide which event). Empty when the sender has
     * no live registration with that code.
     */
    @Transactional(dontRollbackOn = {DomainException.class, ProblemException.class})
    public Optional<RegistrationView> cancelOwn(String channelKey, String userId, String registrationCode) {
        List<Registration> own = Registration.<Registration>find(
                        "channelKey = ?1 and userId = ?2 and code = ?3 and status <> ?4 order by id desc",
                        channelKey,
                        userId,
                        registrationCode,
                        RegistrationStatus.CANCELLED)
                .list();
        if (own.isEmpty()) {
            return Optional.empty();
        }
        String eventCode = Event.getEntityManager()
                .createQuery("select e.code from Event e where e.id = :id", String.class)
                .setParameter("id", own.get(0).eventId)
                .getSingleResult();
        Event event = locked(eventCode);
        Registration r = Registration.findById(own.get(0).id);
        Registration.getEntityManager().refresh(r); // read again now that the event is locked
        return Optional.of(cancel(event, r));
    }

    private RegistrationView cancel(Event event, Registration r) {
        if (r.status == RegistrationStatus.CANCELLED) {
            return view(event, r);
        }
        boolean heldAPlace = r.status == RegistrationStatus.REGISTERED;
        Audited before = Audited.of(r);
        r.status = RegistrationStatus.CANCELLED;
        audited(event, r, "registration.cancel", before);
        r.cancelledAt = clock.instant();
        if (heldAPlace && event.status == EventStatus.PUBLISHED) {
            promoteWaitlisted(event);
        }
        changed.fire(EventChanged.of(event.id, EventChanged.Change.REGISTRATIONS));
        return view(event, r);
    }

    /** What the audit trail keeps of a registration: no names, no notes. */
    record Audited(String status, String communityCode) {
        static Audited of(Registration r) {
            return new Audited(
                    r.status == null ? null : r.status.name().toLowerCase(java.util.Locale.ROOT), r.communityCode);
        }
    }

    /** A registration change in the trail: the chat signer's own in chat (sign-up, cancel), else the API caller's. */
    private void audited(Event event, Registration r, String action, Audited before) {
        String subject = event.code + "/" + r.code;
        if (r.channelKey != null && r.userId != null && isChat()) {
            audit.changedInChat(
                    Audit.ChatActor.resident(r.channelKey, r.userId, r.chatId),
                    action,
                    "registration",
                    subject,
                    before,
                    Audited.of(r));
        } else {
            audit.changed(action, "registration", subject, before, Audited.of(r));
        }
    }

    /** Whether no API caller is behind this change (a chat message's processing). */
    private boolean isChat() {
        return !audit.inApiRequest();
    }

    /**
     * Gives places to waitlisted participants in the order they signed up (by id), skipping those
     * whose community's quota is still full, and tells each promoted one in chat.
     */
    private void promoteWaitlisted(Event event) {
        Registration.flush(); // the cancellation counts when the places are counted
        Places places = Places.of(event);
        List<Registration> waiting = Registration.<Registration>find(
                        "eventId = ?1 and status = ?2 order by id", event.id, RegistrationStatus.WAITLISTED)
                .list();
        Instant now = clock.instant();
        for (Registration w : waiting) {
            if (places.fits(w.communityCode)) {
                w.status = RegistrationStatus.REGISTERED;
                w.promotedAt = now;
                places.take(w.communityCode);
                notices.promoted(event, w);
            }
        }
    }

    /** Why the event takes no registrations now, if it does not. */
    static Optional<SignUp.Refused> refusal(Event event, Instant now) {
        SignUp.Closure closure = null;
        Instant at = null;
        if (event.kind == EventKind.ANNOUNCEMENT) {
            closure = SignUp.Closure.NOT_FOR_REGISTRATION;
        } else if (event.status == EventStatus.DRAFT) {
            closure = SignUp.Closure.NOT_PUBLISHED;
        } else if (event.status == EventStatus.CANCELLED) {
            closure = SignUp.Closure.CANCELLED;
        } else if (event.status == EventStatus.FINISHED) {
            closure = SignUp.Closure.FINISHED;
        } else {
            Instant opens = event.opensAt != null ? event.opensAt : event.publishedAt;
            Instant closes = event.closesAt != null ? event.closesAt : firstStart(event);
            if (opens != null && now.isBefore(opens)) {
                closure = SignUp.Closure.NOT_OPEN_YET;
                at = opens;
            } else if (closes != null && !now.isBefore(closes)) {
                closure = SignUp.Closure.CLOSED;
                at = closes;
            }
        }
        return closure == null
                ? Optional.empty()
                : Optional.of(new SignUp.Refused(event.code, event.title, closure, at));
    }

    private static Instant firstStart(Event event) {
        return event.scheduledSessions().stream()
                .map(s -> s.startsAt)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    /** A live registration of the same participant: same name and the same chat identity or resident. */
    private static Optional<Registration> duplicate(Event event, NewRegistration r) {
        String channelKey = r.signer() == null ? null : r.signer().channelKey();
        String userId = r.signer() == null ? null : r.signer().userId();
        if ((channelKey == null || userId == null) && r.residentCode() == null) {
            return Optional.empty();
        }
        String name = NewRegistration.normalisedName(r.participantName());
        return Registration.<Registration>find(
                        "eventId = ?1 and status <> ?2 and ((channelKey = ?3 and userId = ?4) or residentCode = ?5)"
                                + " order by id",
                        event.id,
                        RegistrationStatus.CANCELLED,
                        channelKey == null ? "" : channelKey,
                        userId == null ? "" : userId,
                        r.residentCode() == null ? "" : r.residentCode())
                .<Registration>stream()
                .filter(x -> NewRegistration.normalisedName(x.participantName).equals(name))
                .findFirst();
    }

    private static String freshCode(long eventId) {
        for (int i = 0; i < CODE_ATTEMPTS; i++) {
            String code = RegistrationCodes.next();
            // under the event's lock no other sign-up for this event can take the code meanwhile
            if (Registration.count("eventId = ?1 and code = ?2", eventId, code) == 0) {
                return code;
            }
        }
        throw new IllegalStateException("no free registration code after " + CODE_ATTEMPTS + " attempts");
    }

    static Event locked(String eventCode) {
        Event event = eventCode == null ? null : Event.lockByCode(eventCode);
        if (event == null) {
            throw DomainException.notFound("event", eventCode);
        }
        return event;
    }

    static Registration registration(Event event, String code) {
        Registration r = code == null
                ? null
                : Registration.<Registration>find(
                                "eventId = ?1 and code = ?2",
                                event.id,
                                code.strip().toUpperCase(Locale.ROOT))
                        .firstResult();
        if (r == null) {
            throw DomainException.notFound("registration", code);
        }
        return r;
    }

    private RegistrationView view(Event event, Registration r) {
        return RegistrationView.of(r, event.code, attendance.sessionsAttended(r.id));
    }
}
