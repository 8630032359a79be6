package io.tongxin.opinion.dictionary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;

/**
 * Classifies a text against one dictionary version with Aho–Corasick automata (one pass over the
 * text per keyword kind, whatever the number of keywords). Rule: the longest matching keyword wins;
 * among equally long ones the one earlier in the dictionary (category order, then keyword order).
 * Matching ignores case, so Latin keywords such as {@code WiFi} match any spelling. Immutable and
 * thread-safe.
 */
public final class Classifier {

    /** One keyword and its place in the dictionary. */
    private record Entry(String keyword, int order, Dictionary.Category category) {}

    private final PayloadTrie<Entry> categories;
    private final PayloadTrie<Entry> urgent;
    private final PayloadTrie<Entry> complex;

    public Classifier(Dictionary dictionary) {
        var cats = PayloadTrie.<Entry>builder();
        int order = 0;
        for (Dictionary.Category c : dictionary.categories()) {
            for (String k : c.keywords()) {
                cats.addKeyword(normalise(k), new Entry(k, order++, c));
            }
        }
        this.categories = cats.build();
        this.urgent = trie(dictionary.urgentKeywords());
        this.complex = trie(dictionary.complexKeywordsOrEmpty());
    }

    private static PayloadTrie<Entry> trie(List<String> words) {
        var b = PayloadTrie.<Entry>builder();
        int order = 0;
        for (String k : words) {
            b.addKeyword(normalise(k), new Entry(k, order++, null));
        }
        return b.build();
    }

    static String normalise(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    public Classification classify(String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        Entry cat = best(categories, t);
        Entry urg = best(urgent, t);
        Entry cpx = best(complex, t);
        return new Classification(
                cat == null ? null : cat.category().code(),
                cat == null ? null : cat.category().name(),
                cat == null ? List.of() : List.copyOf(cat.category().sectorCodesOrEmpty()),
                cat == null ? null : cat.keyword(),
                urg != null,
                urg == null ? null : urg.keyword(),
                cpx != null,
                cpx == null ? null : cpx.keyword());
    }

    private static Entry best(PayloadTrie<Entry> trie, String text) {
        Entry best = null;
        for (PayloadEmit<Entry> e : new ArrayList<>(trie.parseText(text))) {
            Entry candidate = e.getPayload();
            if (best == null
                    || candidate.keyword().length() > best.keyword().length()
                    || (candidate.keyword().length() == best.keyword().length() && candidate.order() < best.order())) {
                best = candidate;
            }
        }
        return best;
    }
}
