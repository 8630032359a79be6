package io.tongxin.opinion.intake;

import io.tongxin.directory.MemberInfo;
import io.tongxin.inbox.InboundMessage;
import java.util.Optional;

/**
 * What happens to a message a committee member addresses to the bot (收到 2026-000123, 我的任务, ...).
 * Members never file opinions through the intake: their messages are handed here instead. The
 * default ignores them; the scripted chatbot's member commands provide a bean of this type.
 */
public interface MemberMessages {

    /**
     * @param member  the sender, recognised by their chat identity on the message's channel
     * @param message the inbound message as stored
     * @param text    the message text without the @-mention, trimmed
     * @return the reply to the member, if any
     */
    Optional<String> handle(MemberInfo member, InboundMessage message, String text);
}
