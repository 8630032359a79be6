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
import io.tongxin.shared.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads seed files: streams each YAML file, copies out one record at a time with the line of each of
 * its fields, binds it to its kind's record type (unknown fields are refused) and checks it with
 * Bean Validation. Every error names the file and line ({@link SeedException}). Writes nothing:
 * {@link SeedImporter} applies what was read.
 */
@ApplicationScoped
class SeedReader {

    private static final long MAX_FILE_BYTES = 1024 * 1024;

    /** What was read: the files, in order, and the records of each kind (by key). */
    record Read(List<String> files, Map<String, List<Item>> items) {}

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

        /** A failure of this record, reported at the line of its first offending field. */
        SeedException error(List<Problem.Violation> inRecord) {
            List<Problem.Violation> violations = inRecord.stream()
                    .map(v -> new Problem.Violation(path + "." + v.field(), v.message()))
                    .toList();
            String problem =
                    violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
            return new SeedException(file, lineOf(inRecord.get(0).field()), problem, violations);
        }
    }

    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .addModule(new JavaTimeModule())
            .build();

    @Inject
    Validator validator;

    /**
     * Reads every {@code *.yaml} / {@code *.yml} file of {@code dir}, in file-name order;
     * {@code shownAs} is how file names are shown in messages. {@code kinds} maps each key a file may
     * hold to its record type, in the order messages list them.
     */
    Read readFolder(Path dir, String shownAs, Map<String, Class<?>> kinds) {
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
        Map<String, List<Item>> items = new HashMap<>();
        List<String> files = new ArrayList<>();
        for (Path p : paths) {
            String name = shownAs + "/" + p.getFileName();
            files.add(name);
            try {
                if (Files.size(p) > MAX_FILE_BYTES) {
                    throw new SeedException(name, 0, "the file is larger than 1 MiB");
                }
                try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    parse(name, r, kinds, items);
                }
            } catch (CharacterCodingException e) {
                throw new SeedException(name, 0, "the file is not valid UTF-8");
            } catch (IOException e) {
                throw new SeedException(name, 0, "the file cannot be read");
            }
        }
        return new Read(files, items);
    }

    /** Reads one uploaded document. */
    Read readDocument(String name, String content, Map<String, Class<?>> kinds) {
        Map<String, List<Item>> items = new HashMap<>();
        try {
            parse(name, new StringReader(content), kinds, items);
        } catch (IOException e) {
            throw new SeedException(name, 0, "the document cannot be read");
        }
        return new Read(List.of(name), items);
    }

    private void parse(String file, Reader reader, Map<String, Class<?>> kinds, Map<String, List<Item>> items)
            throws IOException {
        try (JsonParser p = yaml.createParser(reader)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return; // an empty file
            }
            if (t != JsonToken.START_OBJECT) {
                throw new SeedException(
                        file, line(p), "a seed file maps kinds (" + String.join(", ", kinds.keySet()) + ") to lists");
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Class<?> type = kinds.get(key);
                if (type == null) {
                    throw new SeedException(
                            file,
                            line(p),
                            "unknown kind '" + key + "'; expected one of " + String.join(", ", kinds.keySet()));
                }
                t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (t != JsonToken.START_ARRAY) {
                    throw new SeedException(file, line(p), "'" + key + "' must be a list");
                }
                List<Item> list = items.computeIfAbsent(key, k -> new ArrayList<>());
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
        throw item.error(sorted.stream()
                .map(v -> new Problem.Violation(v.getPropertyPath().toString(), v.getMessage()))
                .toList());
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
