package io.tongxin.event;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/** Reading events: one by code, and lists filtered by status and kind, newest first. */
@ApplicationScoped
@Transactional
public class EventQueries {

    /** Filters of {@code GET /api/events}; null = any. */
    public record Filter(EventStatus status, EventKind kind) {}

    @Inject
    EventViews views;

    public EventView get(String code) {
        return views.view(find(code));
    }

    /** An announcement by code (an event of kind announcement). */
    public EventView getAnnouncement(String code) {
        Event e = find(code);
        if (e.kind != EventKind.ANNOUNCEMENT) {
            throw DomainException.notFound("announcement", code);
        }
        return views.view(e);
    }

    public ListResult<EventView> list(Filter f, Paging page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (f.status() != null) {
            where.add("status = :status");
            params.and("status", f.status());
        }
        if (f.kind() != null) {
            where.add("kind = :kind");
            params.and("kind", f.kind());
        }
        String q = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        var query = Event.<Event>find(q, Sort.descending("createdAt").and("id", Sort.Direction.Descending), params);
        long total = query.count();
        List<EventView> items = query.page(page.page(), page.size()).list().stream()
                .map(views::view)
                .toList();
        return new ListResult<>(items, total);
    }

    static Event find(String code) {
        Event e = Event.<Event>find("code", code).firstResult();
        if (e == null) {
            throw DomainException.notFound("event", code);
        }
        return e;
    }
}
