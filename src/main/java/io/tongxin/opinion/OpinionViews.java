package io.tongxin.opinion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tongxin.opinion.routing.RoutingDecision;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Maps an {@link Opinion} to the {@link OpinionView} the API and the bot show ({@code overdue} as of
 * now), and routing candidates to and from the JSON column they are kept in. Phone numbers are
 * masked by who wrote the text ({@link Masking}): the reporter's phone, the concern and its posts
 * fully; what members and organizers wrote (resolution, reasons, history notes) only where it
 * repeats a resident's number, so a service number they gave the resident shows as given.
 */
@ApplicationScoped
public class OpinionViews {

    private static final Logger LOG = Logger.getLogger(OpinionViews.class);

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** The candidates of a routing decision as stored on the opinion ({@code routing_candidates}). */
    String candidatesJson(RoutingDecision d) {
        try {
            return json.writeValueAsString(d.candidates());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public OpinionView view(Opinion o) {
        return view(o, null);
    }

    /**
     * The view of an opinion whose routing candidates this transaction has just written from
     * {@code written} ({@link #candidatesJson}): used as they are, not read back from their JSON.
     */
    OpinionView view(Opinion o, List<RoutingDecision.Candidate> written) {
        List<RoutingDecision.Candidate> candidates = List.of();
        if (o.routingCandidates != null && written != null) {
            candidates = written;
        } else if (o.routingCandidates != null) {
            try {
                candidates =
                        json.readValue(o.routingCandidates, new TypeReference<List<RoutingDecision.Candidate>>() {});
            } catch (JsonProcessingException e) {
                LOG.warnf("unreadable routing candidates on opinion %s", o.number);
            }
        }
        Masking masking = Masking.of(o);
        var routing = o.routingRule == null
                ? null
                : new OpinionView.Routing(o.routingRule, masking.staffText(o.routingReason), candidates);
        var reporter = o.reporterCode == null && o.reporterUserId == null
                ? null
                : new OpinionView.Reporter(o.reporterCode, o.reporterName, Phones.mask(o.reporterPhone));
        List<OpinionView.Source> sources = new ArrayList<>();
        o.sources.forEach(s -> sources.add(new OpinionView.Source(
                s.originNumber, s.channelKey, s.chatId, s.inboxMessageId, Masking.residentText(s.text), s.receivedAt)));
        List<OpinionView.Event> history = new ArrayList<>();
        o.history.forEach(e -> history.add(new OpinionView.Event(e.type, e.actor, e.at, masking.staffText(e.note))));
        return new OpinionView(
                o.number,
                o.status.wire(),
                Masking.residentText(o.title),
                Masking.residentText(o.text),
                o.categoryName,
                o.categoryCode,
                o.urgency,
                o.complexity,
                o.classificationReason,
                o.communityCode,
                o.workstationCode,
                reporter,
                o.assigneeCode == null ? null : new OpinionView.Assignee(o.assigneeCode, o.assigneeName),
                routing,
                o.ackDueAt,
                o.resolveDueAt,
                o.overdue(clock.instant()),
                o.acknowledgedAt,
                o.resolvedAt,
                masking.staffText(o.resolution),
                o.closedAt,
                o.satisfaction,
                masking.staffText(o.rejectReason),
                o.mergedInto,
                o.upward,
                masking.staffText(o.reportTitle),
                o.createdAt,
                sources,
                history);
    }
}
