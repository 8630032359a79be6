package io.tongxin.event;

import io.tongxin.shared.DomainException;
import java.time.Instant;

/**
 * What a sign-up came to: a new registration (registered or waitlisted), the participant's existing
 * one (signed up twice), or a refusal because the event takes no registrations now. Chat answers
 * each in words; the API turns the last two into a 409 with {@link #orThrow()}.
 */
public sealed interface SignUp {

    /** A new registration. */
    record Created(RegistrationView registration, String eventTitle) implements SignUp {}

    /** The same participant signed up before: their live registration. */
    record AlreadySignedUp(RegistrationView registration, String eventTitle) implements SignUp {}

    /** The event takes no registrations now; {@code at} is when the window opens or closed, if that is why. */
    record Refused(String eventCode, String eventTitle, Closure closure, Instant at) implements SignUp {}

    /** Why an event takes no registrations. */
    enum Closure {
        NOT_PUBLISHED,
        CANCELLED,
        FINISHED,
        NOT_OPEN_YET,
        CLOSED,
        NOT_FOR_REGISTRATION
    }

    /** The new registration, or a {@link DomainException#conflict} naming the existing code or the reason. */
    default RegistrationView orThrow() {
        if (this instanceof Created c) {
            return c.registration();
        }
        if (this instanceof AlreadySignedUp a) {
            throw DomainException.conflict("'" + a.registration().participantName()
                    + "' is already signed up for this event with code "
                    + a.registration().code() + " ("
                    + a.registration().status() + ")");
        }
        throw DomainException.conflict(detail((Refused) this));
    }

    private static String detail(Refused r) {
        String event = "event '" + r.eventCode() + "'";
        return switch (r.closure()) {
            case NOT_PUBLISHED -> event + " is not published yet: it takes no registrations";
            case CANCELLED -> event + " is cancelled: it takes no registrations";
            case FINISHED -> event + " is finished: it takes no registrations";
            case NOT_OPEN_YET -> "registration for " + event + " opens at " + r.at();
            case CLOSED -> "registration for " + event + " closed at " + r.at();
            case NOT_FOR_REGISTRATION -> event + " is an announcement: it takes no registrations";
        };
    }
}
