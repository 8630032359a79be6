package io.tongxin.event;

import io.tongxin.directory.SeedKind;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The {@code events} seed kind: meetings and classes in the API's shape ({@link EventRequest}),
 * imported as drafts, idempotently (an event as the seed says, or already published, is left
 * alone). Publish a seeded event with {@code POST /api/events/{code}/publish} (docs/events.md).
 */
@ApplicationScoped
public class EventSeed implements SeedKind {

    @Inject
    EventService events;

    @Override
    public String key() {
        return "events";
    }

    @Override
    public Class<?> type() {
        return EventRequest.class;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Applied apply(Object record) {
        try {
            return events.applySeed((EventRequest) record);
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.INVALID_FIELD) {
                throw ProblemException.invalidField(e.field(), e.fieldMessage());
            }
            throw e;
        }
    }
}
