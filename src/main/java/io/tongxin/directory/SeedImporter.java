package io.tongxin.directory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tongxin.channel.ChannelRequest;
import io.tongxin.channel.ChannelService;
import io.tongxin.shared.Problem;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Imports directory data (and the channels it refers to) from YAML seed files. Each file is a
 * mapping from kind to a list of records in the API's JSON shape; files may mix kinds. Everything
 * is read and checked first, then applied kind by kind in dependency order (channels, sectors,
 * workstations, communities, members, workstation heads, groups, residents, pairings, then the kinds
 * other features contribute through {@link SeedKind}) in one transaction: a bad file changes nothing. Records are upserted by code and left untouched when
 * already equal, so importing twice changes nothing the second time.
 */
@ApplicationScoped
class SeedImporter {

    private static final long MAX_FILE_BYTES = 1024 * 1024;

    /** The kinds a seed file may hold, in the order they are applied. */
    enum Kind {
        CHANNELS("channels", ChannelRequest.class),
        SECTORS("sectors", SectorDto.class),
        WORKSTATIONS("workstations", WorkstationDto.class),
        COMMUNITIES("communities", CommunityDto.class),
        MEMBERS("members", MemberDto.class),
        GROUPS("groups", GroupDto.class),
        RESIDENTS("residents", ResidentDto.class),
        PAIRINGS("pairings", PairingDto.class);

        final String key;
        final Class<?> type;

        Kind(String key, Class<?> type) {
            this.key = key;
            this.type = type;
        }

        static Kind of(String key) {
            return Arrays.stream(values())
                    .filter(k -> k.key.equals(key))
                    .findFirst()
                    .orElse(null);
        }

        static String names() {
            return Arrays.stream(values()).map(k -> k.key).collect(Collectors.joining(", "));
        }
    }

    /** What the files hold: the directory's kinds, and the kinds other features contribute, by key. */
    record Parsed(Map<Kind, List<Item>> items, Map<String, List<Item>> contributed) {

        Parsed() {
            this(new EnumMap<>(Kind.class), new HashMap<>());
        }
    }

    /** One record read from a file, with where it came from and the line of each of its fields. */
    record Item(String file, int line, String path, Object dto, Map<String, Integer> fieldLines) {

        /** The line of a field given by its path inside the record ({@code identities[0].userId}). */
        int lineOf(String field) {
            if (field == null) {
                return line;
            }
            String top = field.split("[.\\[]", 2)[0];
            return fieldLines.getOrDefault(top, line);
        }
    }

    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .addModule(new JavaTimeModule())
            .build();

    @Inject
    SeedsConfig config;

    @Inject
    Validator validator;

    @Inject
    ChannelService channels;

    @Inject
    SectorService sectors;

    @Inject
    WorkstationService workstations;

    @Inject
    CommunityService communities;

    @Inject
    MemberService members;

    @Inject
    GroupService groups;

    @Inject
    ResidentService residents;

    @Inject
    PairingService pairings;

    @Inject
    @Any
    Instance<SeedKind> contributions;

    /** Imports every {@code *.yaml} / {@code *.yml} file of the configured folder, in file-name order. */
    @Transactional
    SeedReport importConfigured() {
        return importFolder(Path.of(config.dir()), config.dir());
    }

    /** Imports the files of {@code dir}; {@code shownAs} is how file names are shown in messages. */
    @Transactional
    SeedReport importFolder(Path dir, String shownAs) {
        if (!Files.isDirectory(dir)) {
            throw new SeedException(shownAs, 0, "the seed folder does not exist");
        }
        List<Path> paths;
        try (Stream<Path> list = Files.list(dir)) {
            paths = list.filter(p -> Files.isRegularFile(p)
                            && (p.getFileName().toString().endsWith(".yaml")
                                    || p.getFileName().toString().endsWith(".yml")))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new SeedException(shownAs, 0, "the seed folder cannot be read");
        }
        Parsed items = new Parsed();
        List<String> files = new ArrayList<>();
        for (Path p : paths) {
            String name = shownAs + "/" + p.getFileName();
            files.add(name);
            try {
                if (Files.size(p) > MAX_FILE_BYTES) {
                    throw new SeedException(name, 0, "the file is larger than 1 MiB");
                }
                try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    parse(name, r, items);
                }
            } catch (CharacterCodingException e) {
                throw new SeedException(name, 0, "the file is not valid UTF-8");
            } catch (IOException e) {
                throw new SeedException(name, 0, "the file cannot be read");
            }
        }
        return apply(files, items);
    }

    /** Imports one uploaded document. */
    @Transactional
    SeedReport importDocument(String name, String content) {
        Parsed items = new Parsed();
        try {
            parse(name, new StringReader(content), items);
        } catch (IOException e) {
            throw new SeedException(name, 0, "the document cannot be read");
        }
        return apply(List.of(name), items);
    }

    // ---- reading ----

    void parse(String file, Reader reader, Parsed items) throws IOException {
        Map<String, SeedKind> contributed = contributedKinds();
        try (JsonParser p = yaml.createParser(reader)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return; // an empty file
            }
            if (t != JsonToken.START_OBJECT) {
                throw new SeedException(file, line(p), "a seed file maps kinds (" + names(contributed) + ") to lists");
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Kind kind = Kind.of(key);
                SeedKind other = kind == null ? contributed.get(key) : null;
                if (kind == null && other == null) {
                    throw new SeedException(
                            file, line(p), "unknown kind '" + key + "'; expected one of " + names(contributed));
                }
                t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (t != JsonToken.START_ARRAY) {
                    throw new SeedException(file, line(p), "'" + key + "' must be a list");
                }
                List<Item> list = kind != null
                        ? items.items().computeIfAbsent(kind, k -> new ArrayList<>())
                        : items.contributed().computeIfAbsent(key, k -> new ArrayList<>());
                Class<?> type = kind != null ? kind.type : other.type();
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String path = key + "[" + index++ + "]";
                    int line = line(p);
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        throw new SeedException(file, line, path + ": each entry must be a mapping of fields");
                    }
                    Map<String, Integer> fieldLines = new HashMap<>();
                    TokenBuffer record = buffer(p, fieldLines);
                    Object dto = readValue(record, type, file, line, path, fieldLines);
                    Item item = new Item(file, line, path, dto, fieldLines);
                    validate(item);
                    list.add(item);
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw unreadable(file, e, null, at == null ? 0 : at.getLineNr());
        }
    }

    /** Copies one record out of the file, noting the line each of its top-level fields is on. */
    private static TokenBuffer buffer(JsonParser p, Map<String, Integer> fieldLines) throws IOException {
        TokenBuffer buffer = new TokenBuffer(p, null);
        int depth = 0;
        do {
            JsonToken t = p.currentToken();
            if (t == JsonToken.FIELD_NAME && depth == 1) {
                fieldLines.putIfAbsent(p.currentName(), line(p));
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
            buffer.copyCurrentEvent(p);
        } while (depth > 0 && p.nextToken() != null);
        return buffer;
    }

    private Object readValue(
            TokenBuffer record, Class<?> type, String file, int line, String path, Map<String, Integer> fieldLines)
            throws IOException {
        try (JsonParser p = record.asParser(yaml)) {
            return yaml.readValue(p, type);
        } catch (JsonProcessingException e) {
            String field = e instanceof UnrecognizedPropertyException u
                    ? u.getPropertyName()
                    : e instanceof JsonMappingException m ? fieldPath(null, m) : null;
            throw unreadable(file, e, path, new Item(file, line, path, null, fieldLines).lineOf(field));
        }
    }

    /** Turns a parse or mapping error into a message with the line, without internal class names. */
    private static SeedException unreadable(String file, JsonProcessingException e, String path, int line) {
        String field = e instanceof JsonMappingException m ? fieldPath(path, m) : path;
        String problem;
        if (e instanceof UnrecognizedPropertyException u) {
            problem = "unknown field '" + u.getPropertyName() + "'";
            field = path;
        } else if (e instanceof InvalidFormatException) {
            problem = "has an invalid value";
        } else if (e instanceof MismatchedInputException) {
            problem = "has the wrong type";
        } else if (e instanceof JsonMappingException) {
            problem = "has an invalid value";
        } else {
            String original = Objects.requireNonNullElse(e.getOriginalMessage(), "not valid YAML");
            problem =
                    "not valid YAML: " + original.lines().findFirst().orElse("").strip();
        }
        String message = field == null ? problem : field + ": " + problem;
        return new SeedException(
                file, line, message, field == null ? List.of() : List.of(new Problem.Violation(field, problem)));
    }

    private static String fieldPath(String path, JsonMappingException e) {
        StringBuilder sb = new StringBuilder(path == null ? "" : path);
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private void validate(Item item) {
        var violations = validator.validate(item.dto());
        if (violations.isEmpty()) {
            return;
        }
        List<ConstraintViolation<Object>> sorted = violations.stream()
                .sorted(Comparator.comparing(
                        (ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
                .toList();
        throw seedError(
                item,
                sorted.stream()
                        .map(v -> new Problem.Violation(v.getPropertyPath().toString(), v.getMessage()))
                        .toList());
    }

    /** A failure of one record, reported at the line of its first offending field. */
    private static SeedException seedError(Item item, List<Problem.Violation> inRecord) {
        List<Problem.Violation> violations = inRecord.stream()
                .map(v -> new Problem.Violation(item.path() + "." + v.field(), v.message()))
                .toList();
        String problem =
                violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return new SeedException(item.file(), item.lineOf(inRecord.get(0).field()), problem, violations);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    // ---- applying ----

    private SeedReport apply(List<String> files, Parsed parsed) {
        Map<Kind, List<Item>> items = parsed.items();
        rejectDuplicateCodes(items);
        Map<Kind, List<Outcome>> outcomes = new EnumMap<>(Kind.class);
        run(
                items,
                outcomes,
                Kind.CHANNELS,
                dto -> Outcome.valueOf(channels.upsert((ChannelRequest) dto).name()));
        run(items, outcomes, Kind.SECTORS, dto -> sectors.upsert((SectorDto) dto));
        run(items, outcomes, Kind.WORKSTATIONS, dto -> workstations.upsertWithoutHead((WorkstationDto) dto));
        run(items, outcomes, Kind.COMMUNITIES, dto -> communities.upsert((CommunityDto) dto));
        run(items, outcomes, Kind.MEMBERS, dto -> members.upsert((MemberDto) dto));
        // Heads are members, who refer to workstations: set them once the members exist.
        List<Outcome> first = outcomes.get(Kind.WORKSTATIONS);
        run(items, outcomes, Kind.WORKSTATIONS, dto -> workstations.upsertHead((WorkstationDto) dto));
        List<Outcome> heads = outcomes.get(Kind.WORKSTATIONS);
        List<Outcome> combined = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            combined.add(first.get(i).and(heads.get(i)));
        }
        outcomes.put(Kind.WORKSTATIONS, combined);
        run(items, outcomes, Kind.GROUPS, dto -> groups.upsert((GroupDto) dto));
        run(items, outcomes, Kind.RESIDENTS, dto -> residents.upsert((ResidentDto) dto));
        run(items, outcomes, Kind.PAIRINGS, dto -> pairings.upsert((PairingDto) dto));
        // Other features' kinds refer to directory records, so they come last.
        Map<String, SeedKind> contributed = contributedKinds();
        Map<String, List<Outcome>> contributedOutcomes = new TreeMap<>();
        for (String key : new TreeSet<>(contributed.keySet())) {
            SeedKind kind = contributed.get(key);
            List<Outcome> results = new ArrayList<>();
            for (Item item : parsed.contributed().getOrDefault(key, List.of())) {
                results.add(
                        applyOne(item, dto -> Outcome.valueOf(kind.apply(dto).name())));
            }
            contributedOutcomes.put(key, results);
        }

        Map<String, SeedReport.Counts> kinds = new LinkedHashMap<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        Map<String, List<Outcome>> all = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            all.put(k.key, outcomes.getOrDefault(k, List.of()));
        }
        all.putAll(contributedOutcomes);
        for (var entry : all.entrySet()) {
            List<Outcome> o = entry.getValue();
            int c = (int) o.stream().filter(x -> x == Outcome.CREATED).count();
            int u = (int) o.stream().filter(x -> x == Outcome.UPDATED).count();
            int n = (int) o.stream().filter(x -> x == Outcome.UNCHANGED).count();
            kinds.put(entry.getKey(), new SeedReport.Counts(c, u, n));
            created += c;
            updated += u;
            unchanged += n;
        }
        return new SeedReport(files, kinds, created, updated, unchanged);
    }

    private static void run(
            Map<Kind, List<Item>> items,
            Map<Kind, List<Outcome>> outcomes,
            Kind kind,
            Function<Object, Outcome> upsert) {
        List<Outcome> results = new ArrayList<>();
        for (Item item : items.getOrDefault(kind, List.of())) {
            results.add(applyOne(item, upsert));
        }
        outcomes.put(kind, results);
    }

    private static Outcome applyOne(Item item, Function<Object, Outcome> upsert) {
        try {
            return upsert.apply(item.dto());
        } catch (ProblemException e) {
            if (e.violations().isEmpty()) {
                throw new SeedException(item.file(), item.line(), item.path() + ": " + e.getMessage());
            }
            throw seedError(item, e.violations());
        }
    }

    /** The kinds other features contribute, by key; a key that clashes with a directory kind is a programming error. */
    private Map<String, SeedKind> contributedKinds() {
        Map<String, SeedKind> byKey = new HashMap<>();
        for (SeedKind k : contributions) {
            if (Kind.of(k.key()) != null || byKey.putIfAbsent(k.key(), k) != null) {
                throw new IllegalStateException("seed kind '" + k.key() + "' is defined twice");
            }
        }
        return byKey;
    }

    private static String names(Map<String, SeedKind> contributed) {
        return contributed.isEmpty()
                ? Kind.names()
                : Kind.names() + ", " + String.join(", ", new TreeSet<>(contributed.keySet()));
    }

    private static void rejectDuplicateCodes(Map<Kind, List<Item>> items) {
        for (var entry : items.entrySet()) {
            Map<String, Item> seen = new HashMap<>();
            for (Item item : entry.getValue()) {
                String code = item.dto() instanceof ChannelRequest c ? c.key() : codeOf(item.dto());
                String field = item.dto() instanceof ChannelRequest ? "key" : "code";
                if (code == null) {
                    throw new SeedException(
                            item.file(),
                            item.line(),
                            item.path() + "." + field + ": is required in a seed file",
                            List.of(new Problem.Violation(item.path() + "." + field, "is required in a seed file")));
                }
                Item before = seen.putIfAbsent(code, item);
                if (before != null) {
                    throw new SeedException(
                            item.file(),
                            item.line(),
                            item.path() + "." + field + ": '" + code + "' is also defined at " + before.file()
                                    + " line " + before.line());
                }
            }
        }
    }

    private static String codeOf(Object dto) {
        if (dto instanceof SectorDto d) {
            return d.code();
        } else if (dto instanceof WorkstationDto d) {
            return d.code();
        } else if (dto instanceof CommunityDto d) {
            return d.code();
        } else if (dto instanceof MemberDto d) {
            return d.code();
        } else if (dto instanceof GroupDto d) {
            return d.code();
        } else if (dto instanceof ResidentDto d) {
            return Violations.strip(d.code());
        } else if (dto instanceof PairingDto d) {
            return d.code();
        }
        throw new IllegalArgumentException("not a seed record");
    }
}
