package io.tongxin.directory;

import io.tongxin.shared.Problem;
import java.util.List;

/**
 * A seed file that cannot be imported. The message starts with the file name and line
 * ({@code seeds/lanzhou.yaml line 40: members[2].sectorCode: no sector with code 'x'}); the
 * violations name the offending fields by their path in the file.
 */
class SeedException extends RuntimeException {

    private final List<Problem.Violation> violations;

    SeedException(String file, int line, String problem, List<Problem.Violation> violations) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem, null, false, false);
        this.violations = List.copyOf(violations);
    }

    SeedException(String file, int line, String problem) {
        this(file, line, problem, List.of());
    }

    List<Problem.Violation> violations() {
        return violations;
    }
}
