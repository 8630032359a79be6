package io.tongxin.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Tells a free-text handler whether another handler takes the message as its command, so one message
 * is answered once: {@code 报名 <event>} is a sign-up, not a concern to file.
 */
@ApplicationScoped
public class InboundCommands {

    @Inject
    @Any
    Instance<InboundHandler> handlers;

    /** True when some handler {@link InboundHandler#claims claims} the message as its command. */
    public boolean claimed(InboundMessage message) {
        for (InboundHandler h : handlers) {
            if (h.claims(message)) {
                return true;
            }
        }
        return false;
    }
}
