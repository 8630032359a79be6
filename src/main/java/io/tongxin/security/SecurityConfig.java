package io.tongxin.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/** Access control settings. */
@ConfigMapping(prefix = "tongxin")
public interface SecurityConfig {

    /**
     * The bootstrap admin token (env {@code TONGXIN_ADMIN_TOKEN}). Anyone presenting it is an admin;
     * use it to mint named tokens, then rotate it. Unset or empty: no bootstrap admin.
     */
    @WithName("admin-token")
    Optional<String> adminToken();
}
