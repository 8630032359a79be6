package io.tongxin.dialogue;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.tongxin.dialogue.script.NoticeFile;
import io.tongxin.dialogue.script.ReplyTemplate;
import io.tongxin.dialogue.script.Script;
import io.tongxin.dialogue.script.ScriptError;
import io.tongxin.dialogue.script.ScriptParser;
import io.tongxin.dialogue.script.ScriptSet;
import io.tongxin.shared.LogText;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The bot scripts in force. Loads every {@code *.yaml} of {@code tongxin.bot.scripts-dir} at start-up
 * and again whenever a file changes (checked every {@code tongxin.bot.reload-every}). A file that
 * fails to load is reported (log and {@code GET /api/bot/scripts}) with its line and reason, and the
 * last good version of that file stays in force; start-up fails only when no valid {@code help}
 * script exists. Each instance reloads on its own from the same folder.
 *
 * <p>Notice files ({@code notices:} instead of triggers) hold the words of the notices features send
 * ({@link NoticeCatalog}, worded by {@link Notices}). Each notice key is in exactly one file; a key
 * that a reload no longer finds (a broken or removed file) keeps its last good template; start-up
 * fails when a declared key has no valid template.
 */
@Startup
@ApplicationScoped
public class ScriptRegistry {

    private static final Logger LOG = Logger.getLogger(ScriptRegistry.class);
    private static final long MAX_FILE_BYTES = 256 * 1024;

    /**
     * A file's last load: its content hash, the script (or notices) in force from it (may be an older
     * good one), its error.
     */
    record FileState(
            String hash, Script script, ScriptParser.SystemWords system, ScriptError error, NoticeFile notices) {}

    /** What {@code GET /api/bot/scripts} shows. */
    public record Snapshot(ScriptSet set, List<ScriptError> errors, java.time.Instant loadedAt, long generation) {}

    @Inject
    BotConfig config;

    @Inject
    @Any
    Instance<DialogueAction> actionBeans;

    @Inject
    java.time.Clock clock;

    private final Map<String, FileState> files = new TreeMap<>();
    private volatile Snapshot snapshot;
    private Map<String, DialogueAction> actions;

    @Inject
    @Any
    Instance<NoticeCatalog> noticeCatalogs;

    private Map<String, List<Map<String, Object>>> noticeSamples = Map.of();
    private volatile Map<String, ReplyTemplate> notices = Map.of();

    @PostConstruct
    void start() {
        Map<String, DialogueAction> byName = new HashMap<>();
        for (DialogueAction a : actionBeans) {
            DialogueAction before = byName.put(a.name(), a);
            if (before != null) {
                throw new IllegalStateException("two bot actions are named " + a.name());
            }
        }
        actions = Map.copyOf(byName);
        Map<String, List<Map<String, Object>>> samples = new TreeMap<>();
        for (NoticeCatalog c : noticeCatalogs) {
            for (var e : c.notices().entrySet()) {
                if (e.getValue().isEmpty() || samples.put(e.getKey(), List.copyOf(e.getValue())) != null) {
                    throw new IllegalStateException("notice '" + e.getKey() + "' is declared twice or without samples");
                }
            }
        }
        noticeSamples = Map.copyOf(samples);
        reload();
        if (snapshot == null || snapshot.set().help() == null) {
            throw new IllegalStateException("no valid help script in " + dir().toAbsolutePath()
                    + " (the bot cannot start without one): " + snapshotErrors());
        }
        if (!notices.keySet().containsAll(noticeSamples.keySet())) {
            throw new IllegalStateException("notice templates missing or invalid in " + dir().toAbsolutePath()
                    + " (the notices cannot be worded without them): " + snapshotErrors());
        }
    }

    /** The notice templates in force, by key. */
    public Map<String, ReplyTemplate> notices() {
        return notices;
    }

    private String snapshotErrors() {
        return snapshot == null ? "" : snapshot.errors().toString();
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public ScriptSet scripts() {
        return snapshot.set();
    }

    public Map<String, DialogueAction> actions() {
        return actions;
    }

    Path dir() {
        return Path.of(config.scriptsDir());
    }

    @Scheduled(
            every = "${tongxin.bot.reload-every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        try {
            if (changed()) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.warnf("bot scripts: reload failed: %s", LogText.escape(String.valueOf(e.getMessage())));
        }
    }

    private boolean changed() {
        Map<String, String> now = hashes();
        if (!now.keySet().equals(files.keySet())) {
            return true;
        }
        for (var e : now.entrySet()) {
            if (!e.getValue().equals(files.get(e.getKey()).hash())) {
                return true;
            }
        }
        return false;
    }

    /** Loads the folder again; returns the errors of this load. */
    public synchronized List<ScriptError> reload() {
        ScriptParser parser = new ScriptParser(actions, noticeSamples);
        Map<String, String> contents = new TreeMap<>();
        List<ScriptError> errors = new ArrayList<>();
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            errors.add(new ScriptError(dir.toString(), 0, "the bot scripts folder does not exist"));
        } else {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : list.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (!Files.isRegularFile(p) || !(name.endsWith(".yaml") || name.endsWith(".yml"))) {
                        continue;
                    }
                    try {
                        if (Files.size(p) > MAX_FILE_BYTES) {
                            errors.add(new ScriptError(name, 0, "larger than " + MAX_FILE_BYTES / 1024 + " KiB"));
                            contents.put(name, null);
                            continue;
                        }
                        contents.put(
                                name,
                                StandardCharsets.UTF_8
                                        .newDecoder()
                                        .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p)))
                                        .toString());
                    } catch (CharacterCodingException e) {
                        errors.add(new ScriptError(name, 0, "not UTF-8"));
                        contents.put(name, null);
                    }
                }
            } catch (IOException e) {
                errors.add(new ScriptError(dir.toString(), 0, "cannot read the folder: " + e.getMessage()));
            }
        }
        Map<String, FileState> next = new TreeMap<>();
        for (var e : contents.entrySet()) {
            String file = e.getKey();
            FileState old = files.get(file);
            String hash = e.getValue() == null ? "unreadable" : hash(e.getValue());
            if (old != null && old.hash().equals(hash)) {
                next.put(file, old);
                if (old.error() != null) {
                    errors.add(old.error());
                }
                continue;
            }
            if (e.getValue() == null) {
                ScriptError err = errors.stream()
                        .filter(x -> x.file().equals(file))
                        .findFirst()
                        .orElse(null);
                next.put(
                        file,
                        new FileState(
                                hash,
                                old == null ? null : old.script(),
                                old == null ? null : old.system(),
                                err,
                                old == null ? null : old.notices()));
                continue;
            }
            try {
                ScriptParser.Parsed parsed = parser.parse(file, e.getValue());
                next.put(file, new FileState(hash, parsed.script(), parsed.system(), null, parsed.notices()));
            } catch (ScriptError err) {
                errors.add(err);
                next.put(
                        file,
                        new FileState(
                                hash,
                                old == null ? null : old.script(),
                                old == null ? null : old.system(),
                                err,
                                old == null ? null : old.notices()));
            }
        }
        // ids unique and triggers without collisions. The scripts in force go first, so a new or changed
        // file that collides is the one refused (never the script residents are using); then file order.
        // Collisions are worked out afresh on every load (they depend on the other files), never stored.
        Map<String, Script> inForce = new HashMap<>();
        if (snapshot != null) {
            for (Script s : snapshot.set().scripts().values()) {
                inForce.put(s.file(), s);
            }
        }
        List<String> order = new ArrayList<>(next.keySet());
        order.sort(
                java.util.Comparator.comparing((String file) -> next.get(file).script() == null
                                || inForce.get(file) != next.get(file).script())
                        .thenComparing(file -> file));
        Map<String, Script> byId = new LinkedHashMap<>();
        ScriptParser.SystemWords system = null;
        Map<String, NoticeFile> noticeFiles = new LinkedHashMap<>();
        for (String file : order) {
            FileState f = next.get(file);
            if (f.notices() != null) {
                String problem = noticeCollision(f.notices(), byId, noticeFiles);
                if (problem != null) {
                    ScriptError err = new ScriptError(file, f.notices().line(), problem);
                    errors.add(err);
                    next.put(file, new FileState(f.hash(), null, null, err, null));
                } else {
                    noticeFiles.put(f.notices().id(), f.notices());
                }
            }
            Script s = f.script();
            if (s == null) {
                continue;
            }
            ScriptError problem = noticeFiles.containsKey(s.id())
                    ? new ScriptError(
                            s.file(),
                            s.line(),
                            "script id '" + s.id() + "' is already used by "
                                    + noticeFiles.get(s.id()).file())
                    : conflict(s, byId);
            if (problem != null) {
                errors.add(problem);
                // the file's version in force stays, when it still fits with the others
                Script served = inForce.get(file);
                if (served == null || served == s || conflict(served, byId) != null) {
                    continue;
                }
                s = served;
                f = new FileState(
                        f.hash(),
                        served,
                        "help".equals(served.id()) ? snapshot.set().system() : null,
                        problem,
                        f.notices());
            }
            byId.put(s.id(), s);
            if (f.system() != null) {
                system = f.system();
            }
        }
        files.clear();
        files.putAll(next);
        notices = noticesInForce(noticeFiles.values(), errors);
        for (ScriptError err : errors) {
            LOG.errorf("bot script refused: %s", LogText.escape(err.getMessage()));
        }
        if (!byId.containsKey("help")) {
            String helpFile = snapshot == null
                    ? "help.yaml"
                    : snapshot.set().find("help").map(Script::file).orElse("help.yaml");
            errors.add(new ScriptError(
                    helpFile, 0, "no valid help script in the folder: the scripts in force stay as they were"));
            if (snapshot != null) {
                LOG.error("bot scripts: no valid help script in the folder; the scripts in force stay as they were");
                snapshot =
                        new Snapshot(snapshot.set(), List.copyOf(errors), snapshot.loadedAt(), snapshot.generation());
            } else {
                snapshot = new Snapshot(
                        new ScriptSet(byId, ScriptParser.SystemWords.none()), List.copyOf(errors), clock.instant(), 0);
            }
            return errors;
        }
        long generation = snapshot == null ? 1 : snapshot.generation() + 1;
        snapshot = new Snapshot(
                new ScriptSet(byId, system == null ? ScriptParser.SystemWords.none() : system),
                List.copyOf(errors),
                clock.instant(),
                generation);
        LOG.infof(
                "bot scripts: %d loaded from %s, %d notices, %d refused",
                byId.size(), dir(), notices.size(), errors.size());
        return errors;
    }

    /** Why a script cannot join those already taken: a second script with its id, or a colliding trigger. */
    private static ScriptError conflict(Script s, Map<String, Script> taken) {
        Script twin = taken.get(s.id());
        if (twin != null) {
            return new ScriptError(s.file(), s.line(), "script id '" + s.id() + "' is already used by " + twin.file());
        }
        return ScriptSet.collision(s, taken.values())
                .map(c -> new ScriptError(s.file(), c.line(), c.reason()))
                .orElse(null);
    }

    /** Why a notice file cannot join those before it: its id or one of its keys is taken. */
    private static String noticeCollision(NoticeFile n, Map<String, Script> scripts, Map<String, NoticeFile> before) {
        if (scripts.containsKey(n.id())) {
            return "id '" + n.id() + "' is already used by "
                    + scripts.get(n.id()).file();
        }
        if (before.containsKey(n.id())) {
            return "id '" + n.id() + "' is already used by "
                    + before.get(n.id()).file();
        }
        for (NoticeFile b : before.values()) {
            for (String key : n.templates().keySet()) {
                if (b.templates().containsKey(key)) {
                    return "line " + n.templates().get(key).line() + ": notice '" + key + "' is already in " + b.file()
                            + ":" + b.templates().get(key).line();
                }
            }
        }
        return null;
    }

    /**
     * The notice templates of the valid notice files; a declared key none of them has keeps the
     * template in force before (reported), or is missing (reported; fatal at start-up).
     */
    private Map<String, ReplyTemplate> noticesInForce(
            java.util.Collection<NoticeFile> noticeFiles, List<ScriptError> errors) {
        Map<String, ReplyTemplate> out = new TreeMap<>();
        for (NoticeFile f : noticeFiles) {
            out.putAll(f.templates());
        }
        for (String key : noticeSamples.keySet()) {
            if (out.containsKey(key)) {
                continue;
            }
            ReplyTemplate before = notices.get(key);
            if (before != null) {
                out.put(key, before);
                errors.add(new ScriptError(
                        dir().toString(),
                        0,
                        "no valid notice file has the notice '" + key + "'; its last loaded template stays in force"));
            } else {
                errors.add(new ScriptError(
                        dir().toString(), 0, "no valid notice file has the notice '" + key + "', which Java sends"));
            }
        }
        return Map.copyOf(out);
    }

    private Map<String, String> hashes() {
        Map<String, String> out = new TreeMap<>();
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                    try {
                        if (Files.size(p) > MAX_FILE_BYTES) {
                            out.put(name, "unreadable");
                            continue;
                        }
                        byte[] b = Files.readAllBytes(p);
                        try {
                            out.put(
                                    name,
                                    hash(StandardCharsets.UTF_8
                                            .newDecoder()
                                            .decode(java.nio.ByteBuffer.wrap(b))
                                            .toString()));
                        } catch (CharacterCodingException e) {
                            out.put(name, "unreadable");
                        }
                    } catch (IOException e) {
                        out.put(name, "unreadable");
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static String hash(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
