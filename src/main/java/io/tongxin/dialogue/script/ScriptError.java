package io.tongxin.dialogue.script;

/** A script that cannot be loaded: the file, the line (1-based, 0 when unknown) and why. */
public final class ScriptError extends Exception {

    private final String file;
    private final int line;
    private final String reason;

    public ScriptError(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
