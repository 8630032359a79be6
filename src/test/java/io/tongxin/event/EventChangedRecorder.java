package io.tongxin.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every {@link EventChanged} fired, as the reminder planner would observe it. */
@ApplicationScoped
public class EventChangedRecorder {

    private final List<EventChanged> seen = new CopyOnWriteArrayList<>();

    void on(@Observes EventChanged e) {
        seen.add(e);
    }

    /** The changes fired for one event, in order. */
    List<EventChanged.Change> of(long eventId) {
        return seen.stream()
                .filter(e -> e.eventId() == eventId)
                .map(EventChanged::change)
                .toList();
    }
}
