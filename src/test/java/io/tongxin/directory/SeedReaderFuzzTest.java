package io.tongxin.directory;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tongxin.support.FuzzValidation;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for the seed reader ({@link SeedReader#readDocument}, what {@code POST /api/seed} and
 * start-up import read): any text is either records that passed Bean Validation or a
 * {@link SeedException} naming the file and line (a 400), never another exception. Corpus:
 * {@code src/test/resources/io/tongxin/directory/SeedReaderFuzzTestInputs/seedDocument/}.
 */
class SeedReaderFuzzTest {

    private static final SeedReader READER = new SeedReader();
    private static final Map<String, Class<?>> KINDS = new LinkedHashMap<>();

    static {
        READER.validator = FuzzValidation.validator();
        for (SeedImporter.Kind<?> k : SeedImporter.KINDS) {
            KINDS.put(k.key(), k.type());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void seedDocument(byte[] input) {
        String content = new String(input, StandardCharsets.UTF_8);
        try {
            SeedReader.Read read = READER.readDocument("fuzz.yaml", content, KINDS);
            for (List<SeedReader.Item> items : read.items().values()) {
                for (SeedReader.Item item : items) {
                    if (item.dto() == null
                            || !FuzzValidation.validator().validate(item.dto()).isEmpty()) {
                        throw new AssertionError("a record the reader accepted must be valid: " + item.path());
                    }
                }
            }
        } catch (SeedException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("fuzz.yaml")) {
                throw new AssertionError("a seed error names the file", e);
            }
        }
    }
}
