package io.tongxin.opinion.intake;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.opinion.dictionary.Classification;
import io.tongxin.opinion.dictionary.DictionaryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code classify-concern}: whether a message to the bot is a concern to file. Not every message is:
 * "谢谢你们，辛苦了" is courtesy. A text the category dictionary (the one that classifies opinions)
 * recognises, or a long one, is a {@code concern}; a text with no words at all (emoji, a sticker's
 * placeholder) is {@code courtesy}; a very short one is {@code short}; anything else is
 * {@code unsure} (a script confirms first). The courtesy WORDS are the scripts': a script whose
 * keyword trigger caught a courtesy word passes it as {@code courtesy}; the action then answers
 * {@code courtesy}, or passes (not for that script) when the text is a concern all the same
 * ("你好，3号楼电梯坏了").
 *
 * <p>Fills the slot {@code category} with the category the dictionary gives ("" when none).
 */
@ApplicationScoped
public class ClassifyConcern implements DialogueAction {

    /** Characters (letters and digits) from which a text without a dictionary word still reads as a concern. */
    static final int DESCRIPTIVE = 20;

    /** Fewer letters and digits than this and no dictionary word: too short to be anything. */
    static final int SHORT = 4;

    /**
     * Placeholders platforms put instead of what they cannot show: {@code [微笑]}, {@code [动画表情]},
     * {@code 【收到不支持的消息类型，暂无法显示】} (a sticker on an Official Account), {@code /::)}.
     */
    private static final Pattern PLACEHOLDERS = Pattern.compile("\\[[^\\[\\]]{1,8}\\]|【[^【】]{1,30}】|/:[^\\s/]{1,8}");

    @Inject
    DictionaryService dictionary;

    @Override
    public String name() {
        return "classify-concern";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("text", "courtesy");
    }

    @Override
    public Set<String> required() {
        return Set.of("text");
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        Map<String, Object> sample = Map.of("category", "市政设施");
        return Map.of("concern", sample, "unsure", sample, "courtesy", sample, "short", sample);
    }

    /** What a text is, and the category the dictionary gives it (null when none). */
    record Reading(String kind, String category) {}

    Reading read(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return new Reading("short", null); // a command without its text ("#反映")
        }
        int words = words(t);
        if (words == 0) {
            return new Reading("courtesy", null);
        }
        Classification c = dictionary.classify(t);
        boolean known = c.categoryCode() != null || c.urgent();
        if ((known && words >= SHORT) || words >= DESCRIPTIVE) {
            return new Reading("concern", c.categoryName());
        }
        if (!known && words < SHORT) {
            return new Reading("short", null);
        }
        return new Reading("unsure", c.categoryName());
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        Reading r = read(args.get("text"));
        String kind = r.kind();
        if (args.containsKey("courtesy")) {
            if ("concern".equals(kind)) {
                return Outcome.pass(); // courtesy words around a real concern: the report scripts take it
            }
            kind = "courtesy";
        }
        String category = r.category() == null ? "" : r.category();
        return new Outcome(kind, Map.of("category", category), Map.of("category", category));
    }

    /** Letters and digits, placeholders for emoji and stickers left out. */
    static int words(String text) {
        String t = PLACEHOLDERS.matcher(text).replaceAll("");
        return (int) t.codePoints().filter(Character::isLetterOrDigit).count();
    }
}
