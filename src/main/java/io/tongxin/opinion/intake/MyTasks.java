package io.tongxin.opinion.intake;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.directory.MemberInfo;
import io.tongxin.opinion.OpinionQueries;
import io.tongxin.opinion.OpinionView;
import io.tongxin.shared.ListResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code my-tasks}: a member's open assignments, nearest deadline first (10 shown): {@code none}, or
 * {@code tasks} with {@code total}, {@code more} (not shown), {@code group} and {@code items} (each
 * {@code n}, {@code number}, {@code toAck} (waiting to be acknowledged, else to be resolved),
 * {@code due}, {@code overdue}, {@code text}, {@code attachments}: photos, voice and locations stored with it). Asked in a group, {@code text} is always empty:
 * residents' concerns (which may name people or carry phone numbers) are never posted to a group.
 */
@ApplicationScoped
public class MyTasks implements DialogueAction {

    private static final int SHOWN = 10;
    private static final int TEXT_SHOWN = 20;

    @Inject
    OpinionQueries queries;

    @Inject
    ChatOpinions chat;

    @Inject
    io.tongxin.opinion.OpinionAttachments attachments;

    @Override
    public String name() {
        return "my-tasks";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        Map<String, Object> item = Map.of(
                "n",
                1,
                "number",
                "2026-000123",
                "toAck",
                true,
                "due",
                "11-29 08:24",
                "overdue",
                false,
                "text",
                "小区南门积水",
                "attachments",
                2);
        return Map.of("none", Map.of(), "tasks", Map.of("total", 1, "more", 0, "group", false, "items", List.of(item)));
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        Optional<MemberInfo> member = ctx.member();
        if (member.isEmpty()) {
            return Outcome.pass();
        }
        boolean group = ctx.message().inGroup();
        ListResult<OpinionView> open = queries.openAssignments(member.get().code(), SHOWN);
        if (open.total() == 0) {
            return Outcome.of("none");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        int n = 1;
        for (OpinionView v : open.items()) {
            boolean toAck = "assigned".equals(v.status());
            Instant due = toAck ? v.ackDueAt() : v.resolveDueAt();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("n", n++);
            item.put("number", v.number());
            item.put("toAck", toAck);
            item.put("due", chat.time(due));
            item.put("overdue", v.overdue());
            item.put("text", group ? "" : shorten(v.text()));
            item.put("attachments", attachments.storedCount(v.number()));
            items.add(item);
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("total", open.total());
        vars.put("more", open.total() - open.items().size());
        vars.put("group", group);
        vars.put("items", items);
        return Outcome.of("tasks", vars);
    }

    private static String shorten(String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return t.codePointCount(0, t.length()) <= TEXT_SHOWN
                ? t
                : t.substring(0, t.offsetByCodePoints(0, TEXT_SHOWN)) + "…";
    }
}
