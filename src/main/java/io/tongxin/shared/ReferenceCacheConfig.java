package io.tongxin.shared;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The per-instance caches of reference data on the message path ({@code tongxin.reference-cache.*}; {@link ReferenceCache}). */
@ConfigMapping(prefix = "tongxin.reference-cache")
public interface ReferenceCacheConfig {

    /**
     * How long a channel, a chat's group, a community or workstation (and their names), a member and
     * the members of a community, workstation or sector (routing's candidates) read on the message
     * path are reused by one instance: a change made on another instance applies here within
     * it (a change made on this one applies at once). 0 reads every time. Env
     * {@code TONGXIN_REFERENCE_CACHE_TTL}.
     */
    @WithDefault("PT2S")
    Duration ttl();
}
