package io.tongxin.opinion.intake;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.directory.CommunityInfo;
import io.tongxin.directory.Directory;
import io.tongxin.directory.GroupInfo;
import io.tongxin.directory.ResidentInfo;
import io.tongxin.inbox.InboundMessage;
import io.tongxin.opinion.Actor;
import io.tongxin.opinion.NewOpinion;
import io.tongxin.opinion.OpinionService;
import io.tongxin.opinion.OpinionView;
import io.tongxin.opinion.dictionary.Classification;
import io.tongxin.opinion.dictionary.DictionaryService;
import io.tongxin.opinion.routing.OpinionRouter;
import io.tongxin.opinion.routing.RoutingDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code create-opinion}: files the concern the script collected. In a group it is filed in the
 * group's community (or its workstation, for a group bound only to one); in a direct chat in the
 * {@code community} the resident chose (none when they skipped). The sender becomes a resident
 * (found by channel and user id, else created); a {@code phone} they gave with consent is stored on
 * them, so the opinion shows it to its member only (masked everywhere else). Classified, numbered,
 * routed and announced by {@link OpinionService}; the script's reply tells the reporter the number,
 * so the opinion sends them no separate first notice.
 *
 * <p>Idempotent per inbox message: a retried attempt answers the opinion the message already became.
 * In a dry run nothing is filed and no number is used: the effect says where it would be filed, with
 * which category and to whom it would be routed (read only).
 */
@ApplicationScoped
public class CreateOpinion implements DialogueAction {

    private static final int MAX_TEXT = 4000;

    @Inject
    Directory directory;

    @Inject
    OpinionService opinions;

    @Inject
    DictionaryService dictionary;

    @Inject
    OpinionRouter router;

    @Inject
    Clock clock;

    @Inject
    ZoneId zone;

    @Override
    public String name() {
        return "create-opinion";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("text", "community", "phone");
    }

    @Override
    public Set<String> required() {
        return Set.of("text");
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        return Map.of("created", Map.of("number", "2026-000123", "who", "王委员", "assigned", true, "category", "市政设施"));
    }

    /** Where the message files: the community and workstation codes (either may be null). */
    record Place(String community, String workstation) {}

    Place place(InboundMessage m, String chosen) {
        if (m.inGroup()) {
            GroupInfo group =
                    directory.findGroupByChat(m.channelKey(), m.chatId()).orElse(null);
            String community = group == null ? null : group.communityCode();
            // a community implies its workstation; a group bound only to a workstation files there
            String workstation = group == null || community != null ? null : group.workstationCode();
            return new Place(community, workstation);
        }
        String community = chosen == null || chosen.isBlank()
                ? null
                : directory
                        .findCommunity(chosen.strip())
                        .map(CommunityInfo::code)
                        .orElse(null);
        return new Place(community, null);
    }

    /** A batch's earlier filings and unattached photos, read once for all ({@link OpinionService#prepareFiling}). */
    @Override
    public void prepare(java.util.List<InboundMessage> batch) {
        opinions.prepareFiling(batch);
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        InboundMessage m = ctx.message();
        String text = cut(args.get("text").strip());
        Place place = place(m, args.get("community"));
        String phone = m.inGroup() ? null : blankToNull(args.get("phone"));
        if (ctx.dryRun()) {
            return preview(ctx, text, place, phone);
        }
        ResidentInfo resident = directory.findOrCreateResident(m.channelKey(), m.senderId(), m.senderName());
        if (phone != null) {
            resident = directory.recordResidentPhone(resident.code(), phone);
        }
        var source = new NewOpinion.SourceMessage(
                m.channelKey(), m.chatId(), m.senderId(), m.senderName(), m.inboxId(), true);
        OpinionView v = opinions.create(
                new NewOpinion(text, place.community(), place.workstation(), resident.code(), null, source),
                Actor.organizer("bot"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", v.number());
        details.put("communityCode", v.communityCode());
        details.put("workstationCode", v.workstationCode());
        details.put("category", v.category());
        details.put("assigneeCode", v.assignee() == null ? null : v.assignee().code());
        ctx.effect(name(), details);
        return created(v.number(), ChatOpinions.who(v), v.assignee() != null, v.category());
    }

    /** The playground: what would be filed and where it would go, without filing or numbering it. */
    private Outcome preview(ActionContext ctx, String text, Place place, String phone) {
        InboundMessage m = ctx.message();
        Classification c = dictionary.classify(text);
        String workstation = place.workstation() != null
                ? place.workstation()
                : Optional.ofNullable(place.community())
                        .flatMap(directory::findCommunity)
                        .map(CommunityInfo::workstationCode)
                        .orElse(null);
        String resident = directory
                .findResidentByIdentity(m.channelKey(), m.senderId())
                .map(ResidentInfo::code)
                .orElse(null);
        RoutingDecision d = router.preview(new OpinionRouter.Request(
                resident, place.community(), workstation, c.categoryName(), c.sectorCodes(), null));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dryRun", true);
        details.put("text", text);
        details.put("communityCode", place.community());
        details.put("workstationCode", workstation);
        details.put("category", c.categoryName());
        details.put("urgent", c.urgent());
        details.put("phoneGiven", phone != null);
        details.put("routingRule", d.rule());
        details.put("assigneeCode", d.memberCode());
        details.put("assigneeName", d.memberName());
        details.put("number", null); // no number is used in a dry run
        ctx.effect(name(), details);
        String year = String.valueOf(clock.instant().atZone(zone).getYear());
        return created(
                year + "-000000",
                d.memberName() == null ? "" : io.tongxin.opinion.OpinionMessages.honorific(d.memberName()),
                d.assigned(),
                c.categoryName());
    }

    private static Outcome created(String number, String who, boolean assigned, String category) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("number", number);
        vars.put("who", who);
        vars.put("assigned", assigned);
        vars.put("category", category == null ? "" : category);
        return Outcome.of("created", vars);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String cut(String text) {
        return ChatOpinions.cut(text, MAX_TEXT);
    }
}
