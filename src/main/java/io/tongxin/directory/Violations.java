package io.tongxin.directory;

import io.tongxin.shared.Problem;
import io.tongxin.shared.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** Collects field errors of one request so the caller hears about all of them at once. */
final class Violations {

    private final List<Problem.Violation> list = new ArrayList<>();

    void add(String field, String message) {
        list.add(new Problem.Violation(field, message));
    }

    /** Throws a 400 naming every collected field, if there is any. */
    void throwIfAny() {
        if (list.isEmpty()) {
            return;
        }
        String detail = list.stream()
                .map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b)
                .orElseThrow();
        throw new ProblemException(400, "Constraint Violation", detail, list);
    }

    static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
