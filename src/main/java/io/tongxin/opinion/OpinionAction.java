package io.tongxin.opinion;

import com.fasterxml.jackson.annotation.JsonValue;
import io.tongxin.shared.DomainException;
import java.util.Locale;

/**
 * What may be done to an opinion ({@code POST /api/opinions/{number}/{action}}, the lowercase name)
 * and who may do it. Organizers (and the system) may perform every action; a member only the ones
 * marked {@code member}, on their own assignments. {@code chat}: may be taken from a chat message
 * (a member's command, a reporter's rating), because it checks everything before it writes anything
 * (a transfer may leave the members' lock rows it created, which are bookkeeping, not state).
 */
public enum OpinionAction {
    ACKNOWLEDGE(true, true),
    NOTE(true, true),
    RESOLVE(true, true),
    TRANSFER(true, true),
    REJECT(false, false),
    MERGE(false, false),
    REOPEN(false, false),
    CLOSE(false, true),
    REPORT(false, false),
    ADOPT(false, false),
    ASSIGN(false, false);

    private final boolean member;
    private final boolean chat;

    OpinionAction(boolean member, boolean chat) {
        this.member = member;
        this.chat = chat;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A member may perform it on their own assignments (organizers may perform every action). */
    public boolean byMember() {
        return member;
    }

    /** It may be taken from a chat message, inside the inbox transaction. */
    public boolean inChat() {
        return chat;
    }

    /** Whether {@code actor} may perform it at all (a member still only on their own assignments). */
    public boolean allows(Actor actor) {
        return actor.organizer() || member;
    }

    /** The action named by its lowercase word; an unknown word is not found ({@code action 'x' does not exist}). */
    public static OpinionAction fromWire(String word) {
        for (OpinionAction a : values()) {
            if (a.wire().equals(word)) {
                return a;
            }
        }
        throw DomainException.notFound("action", word);
    }
}
