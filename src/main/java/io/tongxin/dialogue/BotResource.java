package io.tongxin.dialogue;

import io.tongxin.dialogue.script.Script;
import io.tongxin.dialogue.script.ScriptError;
import io.tongxin.dialogue.script.Trigger;
import io.tongxin.security.Allowed;
import io.tongxin.security.Role;
import io.tongxin.shared.DomainException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The scripted chatbot's scripts and playground, for organizers. */
@Path("/api/bot")
@Allowed({Role.ORGANIZER})
public class BotResource {

    /** A script in force, as the organizer sees it. */
    public record ScriptView(
            String id,
            String file,
            int line,
            String description,
            String chat,
            List<String> roles,
            List<String> channelTypes,
            boolean verifiedSender,
            int priority,
            List<TriggerView> triggers,
            List<String> slots,
            String action,
            List<String> templates) {}

    public record TriggerView(String kind, String match, String slot, boolean bare, int line) {}

    public record ErrorView(String file, int line, String reason) {}

    public record ScriptsView(
            long generation, Instant loadedAt, String folder, List<ScriptView> scripts, List<ErrorView> errors) {}

    public record SimulateRequest(
            @NotBlank @Size(max = 64) String channelKey,
            @Size(min = 1, max = 128) String chatId,
            @NotBlank @Size(max = 128) String userId,
            @Size(max = 200) String userName,
            @Size(max = 2000) String text,

            @Size(max = 64) @Pattern(regexp = "[A-Za-z_]+", message = "must be an event name such as subscribe")
            String event,

            Boolean mentionsBot) {}

    public record SimulatedReply(String text, List<String> mentions) {}

    public record SimulateView(
            String script, List<SimulatedReply> replies, List<Map<String, Object>> effects, String waitingFor) {}

    @Inject
    ScriptRegistry registry;

    @Inject
    Playground playground;

    @GET
    @Path("/scripts")
    public ScriptsView scripts() {
        return view(registry.snapshot());
    }

    /** Loads the folder now (it is also reloaded by itself when a file changes). */
    @POST
    @Path("/scripts/reload")
    public ScriptsView reload() {
        registry.reload();
        return view(registry.snapshot());
    }

    @POST
    @Path("/simulate")
    public SimulateView simulate(@Valid @NotNull SimulateRequest r) {
        if ((r.text() == null || r.text().isBlank()) && r.event() == null) {
            throw DomainException.invalidField("text", "must not be blank (or give an event)");
        }
        Decision d = playground.simulate(new Playground.Try(
                r.channelKey(),
                r.chatId(),
                r.userId(),
                r.userName(),
                r.text(),
                r.event(),
                r.mentionsBot() == null || r.mentionsBot()));
        return new SimulateView(
                d.script(),
                d.replies().stream()
                        .map(x -> new SimulatedReply(x.text(), x.mentions()))
                        .toList(),
                d.effects().stream()
                        .map(e -> {
                            Map<String, Object> m = new java.util.LinkedHashMap<>();
                            m.put("action", e.action());
                            m.putAll(e.details());
                            return m;
                        })
                        .toList(),
                d.next().map(s -> s.awaiting()).orElse(null));
    }

    private ScriptsView view(ScriptRegistry.Snapshot s) {
        List<ScriptView> scripts = s.set().scripts().values().stream()
                .sorted(Comparator.comparing(Script::file))
                .map(BotResource::view)
                .toList();
        List<ErrorView> errors = s.errors().stream()
                .map((ScriptError e) -> new ErrorView(e.file(), e.line(), e.reason()))
                .toList();
        return new ScriptsView(s.generation(), s.loadedAt(), registry.dir().toString(), scripts, errors);
    }

    private static ScriptView view(Script s) {
        return new ScriptView(
                s.id(),
                s.file(),
                s.line(),
                s.description(),
                s.scope().chat().name().toLowerCase(java.util.Locale.ROOT),
                s.scope().roles().stream()
                        .map(io.tongxin.dialogue.Role::wire)
                        .sorted()
                        .toList(),
                s.scope().channelTypes().stream().map(t -> t.wire()).sorted().toList(),
                s.scope().verifiedSender(),
                s.priority(),
                s.triggers().stream()
                        .map((Trigger t) -> new TriggerView(
                                t.kind().name().toLowerCase(java.util.Locale.ROOT),
                                t.describe(),
                                t.slot(),
                                t.bare(),
                                t.line()))
                        .toList(),
                s.slots().stream().sorted().toList(),
                s.action() == null ? null : s.action().name(),
                s.templates().keySet().stream().sorted().toList());
    }
}
