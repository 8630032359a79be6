package io.tongxin.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** bot-scripts/schema.json describes the shipped scripts (editors validate with it) and refuses what the loader refuses. */
class ScriptSchemaTest {

    private static final Path DIR = Path.of("bot-scripts");

    private final JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(Files.newInputStream(DIR.resolve("schema.json")));
    private final ObjectMapper yaml = new YAMLMapper();

    ScriptSchemaTest() throws Exception {}

    @Test
    void everyShippedScriptIsValid() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            JsonNode node = yaml.readTree(f.toFile());
            Set<ValidationMessage> errors = schema.validate(node);
            assertEquals(Set.of(), errors, f.toString());
        }
    }

    @Test
    void refusesUnknownKeysAndTemplatesWithoutBothLanguages() throws Exception {
        JsonNode bad =
                yaml.readTree("id: x\ntriggers: [{command: 帮助, reply: r}]\ntemplates: {r: {zh-CN: 好}}\ncolour: red\n");
        Set<ValidationMessage> errors = schema.validate(bad);
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("colour")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("en")), errors.toString());
    }
}
