package io.tongxin.outbox;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import io.tongxin.audit.Audit;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Delivery status for operators: list and read outbox messages, put dead ones back in the queue. */
@ApplicationScoped
public class OutboxAdmin {

    private static final Set<String> STATUSES = Set.of("pending", "retrying", "sent", "dead");
    private static final Set<String> KINDS = Set.of("user", "chat", "robot", "reply");

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    /** Filters of {@code GET /api/outbox}; each may be null. */
    public record Filter(String status, String target, String origin, String channelKey) {}

    @Transactional
    public ListResult<OutboxMessageView> list(Filter f, Paging page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.status() != null) {
            if (!STATUSES.contains(f.status())) {
                throw ProblemException.invalidField("status", "must be one of pending, retrying, sent, dead");
            }
            where.add("status = :status");
            params.put("status", f.status());
        }
        if (f.channelKey() != null) {
            where.add("channelKey = :channelKey");
            params.put("channelKey", f.channelKey());
        }
        if (f.target() != null) {
            String t = f.target();
            int colon = t.indexOf(':');
            if (colon > 0 && KINDS.contains(t.substring(0, colon))) {
                where.add("targetKind = :kind");
                params.put("kind", t.substring(0, colon));
                t = t.substring(colon + 1);
            }
            where.add("targetId = :targetId");
            params.put("targetId", t);
        }
        if (f.origin() != null) {
            String o = f.origin();
            int colon = o.indexOf(':');
            where.add("originType = :originType");
            params.put("originType", colon > 0 ? o.substring(0, colon) : o);
            if (colon > 0) {
                where.add("originId = :originId");
                params.put("originId", o.substring(colon + 1));
            }
        }
        PanacheQuery<OutboxMessage> q = where.isEmpty()
                ? OutboxMessage.findAll(Sort.descending("id"))
                : OutboxMessage.find(String.join(" and ", where), Sort.descending("id"), params);
        List<OutboxMessageView> items = q.page(page.page(), page.size()).list().stream()
                .map(m -> OutboxMessageView.of(m, null))
                .toList();
        return new ListResult<>(items, q.count());
    }

    @Transactional
    public OutboxMessageView get(String id) {
        OutboxMessage m = require(id);
        return OutboxMessageView.of(m, history(m.id));
    }

    /** Dead → pending, due now, with a fresh failure budget; parts already sent stay sent. */
    @Transactional
    public OutboxMessageView retry(String id) {
        OutboxMessage m = require(id);
        String before = m.status;
        m.retry(clock.instant());
        audit.changed(
                "outbox.retry", "outbox", id, java.util.Map.of("status", before), java.util.Map.of("status", m.status));
        return OutboxMessageView.of(m, history(m.id));
    }

    private static List<OutboxMessageView.AttemptView> history(long id) {
        return OutboxAttempt.<OutboxAttempt>find("messageId", Sort.ascending("id"), id).list().stream()
                .map(OutboxMessageView.AttemptView::of)
                .toList();
    }

    private static OutboxMessage require(String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("outbox message", id);
        }
        OutboxMessage m = OutboxMessage.findById(n);
        if (m == null) {
            throw ProblemException.notFound("outbox message", id);
        }
        return m;
    }
}
