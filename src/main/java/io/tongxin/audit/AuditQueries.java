package io.tongxin.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading the audit trail, newest first. */
@ApplicationScoped
public class AuditQueries {

    /** All optional: {@code actor} matches the actor's id or name, {@code subject} the subject's code. */
    public record Filter(Instant from, Instant to, String actor, String subjectType, String subject, String action) {}

    @Inject
    ObjectMapper json;

    @Transactional
    public ListResult<AuditView> list(Filter f, Paging page) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        if (f.from() != null) {
            where.add("at >= :from");
            p.and("from", f.from());
        }
        if (f.to() != null) {
            where.add("at < :to");
            p.and("to", f.to());
        }
        if (f.actor() != null) {
            where.add("(actorId = :actor or actorName = :actor)");
            p.and("actor", f.actor());
        }
        if (f.subjectType() != null) {
            where.add("subjectType = :subjectType");
            p.and("subjectType", f.subjectType());
        }
        if (f.subject() != null) {
            where.add("subjectCode = :subject");
            p.and("subject", f.subject());
        }
        if (f.action() != null) {
            where.add("action = :action");
            p.and("action", f.action());
        }
        String query = String.join(" and ", where);
        // newest first by time: ids come from blocks of a sequence per instance (V8.19), not in order
        Sort newest = Sort.descending("at", "id");
        var q = where.isEmpty()
                ? AuditEntry.<AuditEntry>findAll(newest)
                : AuditEntry.<AuditEntry>find(query, newest, p);
        List<AuditView> items = q.range((int) page.offset(), (int) page.offset() + page.size() - 1).list().stream()
                .map(this::view)
                .toList();
        return new ListResult<>(items, q.count());
    }

    private AuditView view(AuditEntry e) {
        return new AuditView(
                e.id,
                e.at,
                e.via,
                new AuditView.Actor(e.actorKind, e.actorId, e.actorName),
                e.action,
                e.subjectType,
                e.subjectCode,
                parse(e.before),
                parse(e.after),
                e.channelKey,
                e.chatId);
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
