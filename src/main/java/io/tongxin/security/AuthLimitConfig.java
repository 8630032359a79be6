package io.tongxin.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The limit on failed authentications (bad bearer tokens, bad webhook signatures) per client address.
 * The client address is the connection's peer, or the address a trusted proxy forwarded
 * ({@code quarkus.http.proxy.proxy-address-forwarding}, {@code quarkus.http.proxy.allow-x-forwarded},
 * {@code quarkus.http.proxy.trusted-proxies}).
 */
@ConfigMapping(prefix = "tongxin.auth")
public interface AuthLimitConfig {

    /**
     * How many failures one address may have in one {@link #failureWindow()}; the next ones are answered
     * 429 with {@code Retry-After} until the window ends (env {@code TONGXIN_AUTH_FAILURE_LIMIT}). 0 turns
     * the limit off. Requests with a valid token are never limited.
     */
    @WithDefault("20")
    int failureLimit();

    /** The fixed window failures are counted in (env {@code TONGXIN_AUTH_FAILURE_WINDOW}). */
    @WithDefault("60s")
    Duration failureWindow();
}
