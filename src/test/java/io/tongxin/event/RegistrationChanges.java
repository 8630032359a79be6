package io.tongxin.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the {@link EventChanged} events fired in tests, as the reminder planner would observe them. */
@ApplicationScoped
public class RegistrationChanges {

    private final List<EventChanged> seen = new CopyOnWriteArrayList<>();

    void on(@Observes EventChanged e) {
        seen.add(e);
    }

    long count(long eventId, EventChanged.Change change) {
        return seen.stream()
                .filter(e -> e.eventId() == eventId && e.change() == change)
                .count();
    }
}
