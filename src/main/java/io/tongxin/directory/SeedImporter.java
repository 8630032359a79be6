package io.tongxin.directory;

import io.tongxin.channel.ChannelRequest;
import io.tongxin.channel.ChannelService;
import io.tongxin.shared.Problem;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Imports directory data (and the channels it refers to) from YAML seed files. Each file is a
 * mapping from kind to a list of records in the API's JSON shape; files may mix kinds. Everything
 * is read and checked first ({@link SeedReader}), then applied kind by kind in dependency order
 * (channels, sectors, workstations, communities, members, workstation heads, groups, residents,
 * pairings, then the kinds other features contribute through {@link SeedKind}) in one transaction: a
 * bad file changes nothing. Each record goes through its feature's own service (channels through
 * {@link ChannelService#upsert}), upserted by code and left untouched when already equal, so
 * importing twice changes nothing the second time.
 */
@ApplicationScoped
class SeedImporter {

    /**
     * One kind a seed file may hold: its key, its record type, and the field that identifies a record
     * (null for contributed kinds, which check their own identity).
     */
    record Kind<T>(String key, Class<T> type, String codeField, Function<T, String> code) {

        String codeOf(Object dto) {
            return code.apply(type.cast(dto));
        }
    }

    /** One step of an import: every record of a kind, upserted by one function. */
    record Step<T>(Kind<T> kind, Function<T, Outcome> upsert) {

        Outcome apply(Object dto) {
            return upsert.apply(kind.type().cast(dto));
        }
    }

    static final Kind<ChannelRequest> CHANNELS =
            new Kind<>("channels", ChannelRequest.class, "key", ChannelRequest::key);
    static final Kind<SectorDto> SECTORS = new Kind<>("sectors", SectorDto.class, "code", SectorDto::code);
    static final Kind<WorkstationDto> WORKSTATIONS =
            new Kind<>("workstations", WorkstationDto.class, "code", WorkstationDto::code);
    static final Kind<CommunityDto> COMMUNITIES =
            new Kind<>("communities", CommunityDto.class, "code", CommunityDto::code);
    static final Kind<MemberDto> MEMBERS = new Kind<>("members", MemberDto.class, "code", MemberDto::code);
    static final Kind<GroupDto> GROUPS = new Kind<>("groups", GroupDto.class, "code", GroupDto::code);
    static final Kind<ResidentDto> RESIDENTS =
            new Kind<>("residents", ResidentDto.class, "code", d -> Violations.strip(d.code()));
    static final Kind<PairingDto> PAIRINGS = new Kind<>("pairings", PairingDto.class, "code", PairingDto::code);

    /** The directory's own kinds, in the order reports and messages list them. */
    static final List<Kind<?>> KINDS =
            List.of(CHANNELS, SECTORS, WORKSTATIONS, COMMUNITIES, MEMBERS, GROUPS, RESIDENTS, PAIRINGS);

    @Inject
    SeedsConfig config;

    @Inject
    SeedReader reader;

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
        Map<String, SeedKind> contributed = contributedKinds();
        return apply(reader.readFolder(dir, shownAs, types(contributed)), contributed);
    }

    /** Imports one uploaded document. */
    @Transactional
    SeedReport importDocument(String name, String content) {
        Map<String, SeedKind> contributed = contributedKinds();
        return apply(reader.readDocument(name, content, types(contributed)), contributed);
    }

    /** The steps in dependency order: heads are members, who refer to workstations, so they come after both. */
    private List<Step<?>> directorySteps() {
        return List.of(
                new Step<>(CHANNELS, r -> Outcome.valueOf(channels.upsert(r).name())),
                new Step<>(SECTORS, sectors::upsert),
                new Step<>(WORKSTATIONS, workstations::upsertWithoutHead),
                new Step<>(COMMUNITIES, communities::upsert),
                new Step<>(MEMBERS, members::upsert),
                new Step<>(WORKSTATIONS, workstations::upsertHead),
                new Step<>(GROUPS, groups::upsert),
                new Step<>(RESIDENTS, residents::upsert),
                new Step<>(PAIRINGS, pairings::upsert));
    }

    private SeedReport apply(SeedReader.Read read, Map<String, SeedKind> contributed) {
        rejectDuplicateCodes(read.items());
        List<Step<?>> steps = new ArrayList<>(directorySteps());
        // Other features' kinds refer to directory records, so they come last, in key order.
        for (SeedKind kind : contributed.values()) {
            Kind<Object> k = new Kind<>(kind.key(), Object.class, null, null);
            steps.add(new Step<>(k, dto -> Outcome.valueOf(kind.apply(dto).name())));
        }
        // per kind, the outcome of each record; a kind applied in two steps combines both
        Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
        for (Kind<?> k : KINDS) {
            outcomes.put(k.key(), null);
        }
        for (Step<?> step : steps) {
            List<Outcome> results = new ArrayList<>();
            for (SeedReader.Item item : read.items().getOrDefault(step.kind().key(), List.of())) {
                results.add(applyOne(item, step));
            }
            List<Outcome> before = outcomes.get(step.kind().key());
            if (before != null) {
                for (int i = 0; i < results.size(); i++) {
                    results.set(i, before.get(i).and(results.get(i)));
                }
            }
            outcomes.put(step.kind().key(), results);
        }
        return report(read.files(), outcomes);
    }

    private static SeedReport report(List<String> files, Map<String, List<Outcome>> outcomes) {
        Map<String, SeedReport.Counts> kinds = new LinkedHashMap<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (var entry : outcomes.entrySet()) {
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

    private static Outcome applyOne(SeedReader.Item item, Step<?> step) {
        try {
            return step.apply(item.dto());
        } catch (ProblemException e) {
            if (e.violations().isEmpty()) {
                throw new SeedException(item.file(), item.line(), item.path() + ": " + e.getMessage());
            }
            throw item.error(e.violations());
        }
    }

    /**
     * The kinds other features contribute, in key order; a key that clashes with a directory kind is
     * a programming error.
     */
    private Map<String, SeedKind> contributedKinds() {
        Map<String, SeedKind> byKey = new TreeMap<>();
        for (SeedKind k : contributions) {
            if (KINDS.stream().anyMatch(d -> d.key().equals(k.key())) || byKey.putIfAbsent(k.key(), k) != null) {
                throw new IllegalStateException("seed kind '" + k.key() + "' is defined twice");
            }
        }
        return byKey;
    }

    /** Every key a file may hold and its record type: the directory's kinds, then the contributed ones. */
    private static Map<String, Class<?>> types(Map<String, SeedKind> contributed) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (Kind<?> k : KINDS) {
            types.put(k.key(), k.type());
        }
        contributed.forEach((key, kind) -> types.put(key, kind.type()));
        return types;
    }

    /** Codes are unique per kind across all files: a second definition names the first's file and line. */
    private static void rejectDuplicateCodes(Map<String, List<SeedReader.Item>> items) {
        for (Kind<?> kind : KINDS) {
            Map<String, SeedReader.Item> seen = new HashMap<>();
            for (SeedReader.Item item : items.getOrDefault(kind.key(), List.of())) {
                String code = kind.codeOf(item.dto());
                String field = item.path() + "." + kind.codeField();
                if (code == null) {
                    throw new SeedException(
                            item.file(),
                            item.line(),
                            field + ": is required in a seed file",
                            List.of(new Problem.Violation(field, "is required in a seed file")));
                }
                SeedReader.Item before = seen.putIfAbsent(code, item);
                if (before != null) {
                    throw new SeedException(
                            item.file(),
                            item.line(),
                            field + ": '" + code + "' is also defined at " + before.file() + " line " + before.line());
                }
            }
        }
    }
}
