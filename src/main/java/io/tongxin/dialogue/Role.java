package io.tongxin.dialogue;

import java.util.Locale;

/**
 * Who a script is for. A sender is a {@link #RESIDENT} unless their chat identity belongs to a
 * committee member ({@link #MEMBER}); a member who heads a workstation (站长) is also an
 * {@link #ORGANIZER}.
 */
public enum Role {
    RESIDENT,
    MEMBER,
    ORGANIZER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
