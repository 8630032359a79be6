package io.tongxin.shared;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request line and header limits enforced by the application, so that an oversize request is answered
 * with problem+json like every other error. The HTTP server's own limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set higher, as a
 * hard ceiling; past those the server still closes with an empty 414/431.
 */
@ConfigMapping(prefix = "tongxin.http")
public interface HttpLimitsConfig {

    /** Longest request target (path and query) in characters; longer gets 414. */
    @WithDefault("4096")
    int maxUriLength();

    /** Largest sum of header names and values in bytes; larger gets 431. */
    @WithDefault("20480")
    int maxHeaderBytes();
}
