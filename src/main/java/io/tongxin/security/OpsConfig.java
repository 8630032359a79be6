package io.tongxin.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Who may read the operations endpoints under {@code /q}. */
@ConfigMapping(prefix = "tongxin.ops")
public interface OpsConfig {

    /**
     * {@code true}: {@code /q/metrics}, {@code /q/openapi} and {@code /q/swagger-ui} are public (the
     * embedded demo mode). {@code false} (production default): they need an admin bearer token.
     * {@code /q/health} is always public, for load balancers and orchestrators.
     */
    @WithName("public")
    @WithDefault("false")
    boolean open();
}
