package io.tongxin.event;

import io.tongxin.dialogue.Notice;
import io.tongxin.dialogue.NoticeCatalog;
import io.tongxin.outbox.Origin;
import io.tongxin.outbox.Outbox;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * What registrants are told in chat outside a reply: a waitlisted participant who got a place. Written
 * to the outbox in the transaction of the change (origin {@code event:<code>}); an API registration
 * without a chat identity cannot be reached and is told nothing. Worded by
 * {@code bot-scripts/notices-event.yaml} ({@code event.registration-promoted}) in the language of the
 * channel the participant signed up on.
 */
@ApplicationScoped
class RegistrationNotices implements NoticeCatalog {

    static final String PROMOTED = "event.registration-promoted";

    @Inject
    EventAddressing addressing;

    @Inject
    Outbox outbox;

    void promoted(Event event, Registration r) {
        String key = "event-promoted:" + event.id + ":" + r.code;
        addressing
                .toRegistrant(r, key, promoted(event.title, r), Origin.of("event", event.code))
                .ifPresent(outbox::enqueue);
    }

    /** Told to a waitlisted participant who got a place. */
    static Notice promoted(String title, Registration r) {
        return new Notice(PROMOTED, Map.of("title", title, "name", Phones.maskText(r.participantName), "code", r.code));
    }

    @Override
    public Map<String, List<Map<String, Object>>> notices() {
        return Map.of(PROMOTED, List.of(Map.of("title", "街舞公益课堂", "name", "王小明", "code", "K7Q2MZ4H")));
    }
}
