package io.tongxin.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * The one way out of the channel feature for secrets: the webhook hands them to the platform's
 * adapter (verify, decrypt, sign the answer) and the outbox to its senders (tokens, signatures).
 * Nobody else reads them (an ArchUnit rule checks); everyone else reads {@link ChannelInfo}.
 */
@ApplicationScoped
public class ChannelCredentials {

    /** The channel with its secrets, if it exists. */
    @Transactional
    public Optional<ChannelSecrets> find(String key) {
        return Channel.findByKey(key).map(Channel::secrets);
    }
}
