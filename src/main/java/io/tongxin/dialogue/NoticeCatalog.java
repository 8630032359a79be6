package io.tongxin.dialogue;

import java.util.List;
import java.util.Map;

/**
 * The notices a feature sends outside a conversation (an assignment, a reminder, an invitation),
 * declared by key with samples of their variables: the words live in {@code bot-scripts/} notice files
 * ({@code notices:}), the variables come from Java. Implementations are beans of the feature that
 * sends the notices; {@link ScriptRegistry} finds them at start-up.
 *
 * <p>Like {@link DialogueAction#outcomes()}, the samples let every notice template be rendered when its
 * file loads, in every language: a template naming a variable its samples do not have, a declared key
 * no file has, or a key no feature declares is a load error (file and line), never a broken message in
 * a member's chat. Give one sample per shape of the variables (a notice with and without a reason, each
 * value of a kind variable) so every branch of a template is tried.
 */
public interface NoticeCatalog {

    /**
     * Every notice key the feature renders ({@code opinion.assigned}: lower case words, dots and dashes),
     * with one or more samples of its variables (strings, numbers, booleans, lists of maps). Optional
     * values are given as {@code ""} (false in {@code {#if}}), never left out.
     */
    Map<String, List<Map<String, Object>>> notices();
}
