package io.tongxin.opinion.intake;

import io.quarkus.arc.DefaultBean;
import io.tongxin.directory.MemberInfo;
import io.tongxin.inbox.InboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Until member commands exist, members' messages to the bot are left unanswered. */
@DefaultBean
@ApplicationScoped
public class IgnoredMemberMessages implements MemberMessages {

    @Override
    public Optional<String> handle(MemberInfo member, InboundMessage message, String text) {
        return Optional.empty();
    }
}
