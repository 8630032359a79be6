package io.tongxin.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The organizer dashboard ({@code /dashboard}). */
@ConfigMapping(prefix = "tongxin.dashboard")
public interface DashboardConfig {

    /**
     * How long a dashboard login lasts (env {@code TONGXIN_DASHBOARD_SESSION_TTL}); after it the
     * organizer logs in again. Logging out, or revoking the token used to log in, ends it sooner.
     */
    @WithDefault("PT8H")
    Duration sessionTtl();
}
