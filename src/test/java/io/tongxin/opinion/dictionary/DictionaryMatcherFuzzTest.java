package io.tongxin.opinion.dictionary;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tongxin.shared.ProblemException;
import io.tongxin.support.FuzzValidation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fuzz target for the keyword dictionary's matcher ({@link Classifier}): a dictionary the service
 * would accept (Bean Validation and {@link DictionaryService#validate}) classifies any text without an
 * exception, and the keyword it picks is in the text and at least as long as every other category
 * keyword in it. The input is text: line 1 the categories' keywords ({@code ;} between categories,
 * {@code ,} between keywords), line 2 the urgent words, line 3 the complex words, the rest the
 * resident's text. Corpus:
 * {@code src/test/resources/io/tongxin/opinion/dictionary/DictionaryMatcherFuzzTestInputs/classify/}.
 */
class DictionaryMatcherFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void classify(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 4);
        List<Dictionary.Category> categories = new ArrayList<>();
        String[] cats = lines[0].split(";", -1);
        for (int i = 0; i < cats.length && i < 50; i++) {
            categories.add(new Dictionary.Category("c" + i, "类别" + i, words(cats[i]), List.of()));
        }
        Dictionary d = new Dictionary(
                null, categories, words(lines.length > 1 ? lines[1] : ""), words(lines.length > 2 ? lines[2] : ""));
        if (!FuzzValidation.validator().validate(d).isEmpty()) {
            return; // the API refuses it with a 400; the matcher never sees it
        }
        Dictionary clean;
        try {
            clean = DictionaryService.validate(d);
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw new AssertionError("a refused dictionary is a 400", e);
            }
            return;
        }
        String text = lines.length > 3 ? lines[3] : "";
        Classification c = new Classifier(clean).classify(text);
        String lower = text.toLowerCase(Locale.ROOT);
        for (Dictionary.Category cat : clean.categories()) {
            for (String k : cat.keywords()) {
                if (c.categoryKeyword() == null
                        && !Classifier.normalise(k).isEmpty()
                        && lower.contains(Classifier.normalise(k))) {
                    throw new AssertionError("'" + k + "' is in the text, but no category was chosen");
                }
            }
        }
        if (c.categoryKeyword() != null) {
            if (!lower.contains(Classifier.normalise(c.categoryKeyword()))) {
                throw new AssertionError("the chosen keyword '" + c.categoryKeyword() + "' is not in the text");
            }
            for (Dictionary.Category cat : clean.categories()) {
                for (String k : cat.keywords()) {
                    if (!Classifier.normalise(k).isEmpty()
                            && lower.contains(Classifier.normalise(k))
                            && k.length() > c.categoryKeyword().length()) {
                        throw new AssertionError("'" + k + "' is longer than the chosen '" + c.categoryKeyword() + "'");
                    }
                }
            }
            c.reason();
        }
        if (c.urgent() != (c.urgentKeyword() != null) || c.complex() != (c.complexKeyword() != null)) {
            throw new AssertionError("a flag without its keyword");
        }
    }

    private static List<String> words(String line) {
        if (line.isEmpty()) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Arrays.asList(line.split(",", -1))
                .subList(0, Math.min(200, line.split(",", -1).length)));
    }
}
