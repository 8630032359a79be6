package io.tongxin.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long minted tokens live, and how long the bootstrap admin token must be. */
@ConfigMapping(prefix = "tongxin.tokens")
public interface TokenConfig {

    /** The lifetime of a token minted without {@code expiresIn} (env {@code TONGXIN_TOKENS_DEFAULT_LIFETIME}). */
    @WithDefault("90d")
    Duration defaultLifetime();

    /** The longest {@code expiresIn} an admin may ask for (env {@code TONGXIN_TOKENS_MAX_LIFETIME}). */
    @WithDefault("730d")
    Duration maxLifetime();

    /**
     * The shortest bootstrap admin token ({@code TONGXIN_ADMIN_TOKEN}) the service starts with; a shorter
     * one stops the start with a message saying so. Minted tokens carry 256 random bits.
     */
    @WithDefault("32")
    int adminTokenMinLength();
}
