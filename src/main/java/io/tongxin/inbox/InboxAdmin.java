package io.tongxin.inbox;

import io.quarkus.panache.common.Page;
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
import java.util.Optional;

/** The inbox as admins see it ({@code /api/inbox}): list, inspect, and re-drive failed messages. */
@ApplicationScoped
public class InboxAdmin {

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    /** Re-drives a parked message: it becomes pending with a fresh attempt budget. */
    @Transactional
    public InboxView retry(long id) {
        InboxMessage m = require(id);
        if (m.status != InboxStatus.FAILED) {
            throw ProblemException.conflict(
                    "inbox message " + id + " is " + m.status.wire() + "; only failed messages can be retried");
        }
        m.status = InboxStatus.PENDING;
        m.attempts = 0;
        m.nextAttemptAt = clock.instant();
        audit.changed(
                "inbox.retry",
                "inbox",
                Long.toString(id),
                java.util.Map.of("status", "failed"),
                java.util.Map.of("status", "pending"));
        return InboxView.of(m);
    }

    @Transactional
    public ListResult<InboxView> list(Optional<InboxStatus> status, Optional<String> channelKey, Paging page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        status.ifPresent(s -> {
            where.add("status = :status");
            params.put("status", s);
        });
        channelKey.ifPresent(k -> {
            where.add("channelKey = :channelKey");
            params.put("channelKey", k);
        });
        Sort newestFirst = Sort.by("id", Sort.Direction.Descending);
        var q = where.isEmpty()
                ? InboxMessage.<InboxMessage>findAll(newestFirst)
                : InboxMessage.<InboxMessage>find(String.join(" and ", where), newestFirst, params);
        return new ListResult<>(
                q.page(Page.of(page.page(), page.size())).list().stream()
                        .map(InboxView::of)
                        .toList(),
                q.count());
    }

    @Transactional
    public InboxDetail get(long id) {
        return InboxDetail.of(require(id));
    }

    private static InboxMessage require(long id) {
        InboxMessage m = InboxMessage.findById(id);
        if (m == null) {
            throw ProblemException.notFound("inbox message", Long.toString(id));
        }
        return m;
    }
}
