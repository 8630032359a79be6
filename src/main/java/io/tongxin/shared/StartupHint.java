package io.tongxin.shared;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Prints how to try the service when it runs in the embedded (demo) mode, so that a new user who just
 * typed the README's RUN command sees a working curl at once.
 */
public class StartupHint {

    private static final Logger LOG = Logger.getLogger(StartupHint.class);

    @Inject
    Config config;

    void onStart(@Observes StartupEvent event) {
        var profiles = config.unwrap(SmallRyeConfig.class).getProfiles();
        if (!profiles.contains("embedded") || LaunchMode.current() == LaunchMode.TEST) {
            return;
        }
        int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        String base = "http://localhost:" + port;
        LOG.infof("""

                ============================================================
                 Tongxin is running (embedded demo mode, data in ./data)
                 Try it:
                   curl -s -H 'Authorization: Bearer demo-admin-token-change-me-please' %s/api/members
                   curl -s -H 'Authorization: Bearer demo-admin-token-change-me-please' %s/api/channels
                 API docs: %s/q/swagger-ui   Health: %s/q/health
                 (the admin token is TONGXIN_ADMIN_TOKEN, demo-admin-token-change-me-please unless set)
                ============================================================
                """, base, base, base, base);
    }
}
