package io.tongxin.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the where-clause of a filtered list query from the filters a caller actually gave. */
final class Where {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    /** Adds {@code clause} (which uses {@code :name}) when the value is present. */
    Where when(Object value, String clause, String name) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            clauses.add(clause);
            params.put(name, value instanceof String s ? s.strip() : value);
        }
        return this;
    }

    /** Case-insensitive substring match on one or more fields, with LIKE wildcards in the text escaped. */
    Where contains(String text, String... fields) {
        if (text == null || text.isBlank()) {
            return this;
        }
        String escaped = text.strip()
                .toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        List<String> ors = new ArrayList<>();
        for (String f : fields) {
            ors.add("lower(" + f + ") like :q escape '\\'");
        }
        clauses.add("(" + String.join(" or ", ors) + ")");
        params.put("q", "%" + escaped + "%");
        return this;
    }

    String clause() {
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    Map<String, Object> params() {
        return params;
    }
}
