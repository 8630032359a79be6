package io.tongxin.opinion.dictionary;

import java.util.List;

/**
 * What the dictionary says about a text: the category (null when no keyword matched), the sectors
 * that fit it, urgency and complexity, and a human-readable reason naming the keywords that decided.
 */
public record Classification(
        String categoryCode,
        String categoryName,
        List<String> sectorCodes,
        String categoryKeyword,
        boolean urgent,
        String urgentKeyword,
        boolean complex,
        String complexKeyword) {

    /** E.g. {@code 关键词「路灯」→ 市政设施; 紧急词「漏水」}. */
    public String reason() {
        StringBuilder sb = new StringBuilder();
        sb.append(
                categoryKeyword == null
                        ? "no category keyword matched"
                        : "keyword '" + categoryKeyword + "' -> " + categoryName + " (longest match)");
        if (urgentKeyword != null) {
            sb.append("; urgent keyword '").append(urgentKeyword).append('\'');
        }
        if (complexKeyword != null) {
            sb.append("; complex keyword '").append(complexKeyword).append('\'');
        }
        return sb.toString();
    }
}
