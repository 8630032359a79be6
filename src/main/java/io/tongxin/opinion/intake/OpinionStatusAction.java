package io.tongxin.opinion.intake;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.opinion.OpinionQueries;
import io.tongxin.opinion.OpinionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code opinion-status}: {@code 查询 2026-000123} for anyone who knows the number, so the answer
 * (which a whole group may read) holds no personal data: the status, the assignee as 王委员, the time
 * of the last change and the number it was merged into — never the text, the reporter or a name in
 * full. Without a number: {@code usage}.
 */
@ApplicationScoped
public class OpinionStatusAction implements DialogueAction {

    @Inject
    OpinionQueries queries;

    @Inject
    ChatOpinions chat;

    @Override
    public String name() {
        return "opinion-status";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("number");
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        return Map.of(
                "usage",
                Map.of(),
                "not-found",
                Map.of("number", "2026-000123"),
                "status",
                Map.of(
                        "number",
                        "2026-000123",
                        "status",
                        "assigned",
                        "who",
                        "王委员",
                        "updated",
                        "11-29 08:24",
                        "mergedInto",
                        ""));
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        String number = ChatOpinions.number(args.get("number"));
        if (number == null) {
            return Outcome.of("usage");
        }
        return queries.find(number)
                .map(v -> Outcome.of("status", vars(v)))
                .orElseGet(() -> Outcome.of("not-found", Map.of("number", number)));
    }

    private Map<String, Object> vars(OpinionView v) {
        Instant updated = v.history() == null || v.history().isEmpty()
                ? v.createdAt()
                : v.history().get(v.history().size() - 1).at();
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("number", v.number());
        vars.put("status", v.status());
        vars.put("who", ChatOpinions.who(v));
        vars.put("updated", chat.time(updated));
        vars.put("mergedInto", v.mergedInto() == null ? "" : v.mergedInto());
        return vars;
    }
}
