package io.tongxin.dialogue.script;

import java.util.Map;

/**
 * A notice file of {@code bot-scripts/}: an id and, per notice key, its template in each language;
 * no triggers, steps or action (notices go out from Java, not as replies).
 */
public record NoticeFile(String id, String file, int line, Map<String, ReplyTemplate> templates) {}
