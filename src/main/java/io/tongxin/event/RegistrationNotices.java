package io.tongxin.event;

import io.tongxin.outbox.Origin;
import io.tongxin.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What registrants are told in chat outside a reply: a waitlisted participant who got a place. Written
 * to the outbox in the transaction of the change (origin {@code event:<code>}); an API registration
 * without a chat identity cannot be reached and is told nothing.
 */
@ApplicationScoped
class RegistrationNotices {

    @Inject
    EventAddressing addressing;

    @Inject
    Outbox outbox;

    void promoted(Event event, Registration r) {
        String key = "event-promoted:" + event.id + ":" + r.code;
        addressing
                .toRegistrant(r, key, RegistrationMessages.promoted(event.title, r), Origin.of("event", event.code))
                .ifPresent(outbox::enqueue);
    }
}
