package io.tongxin.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * One test profile for the settings the default test configuration leaves at their defaults, so
 * the classes that need them share a single extra Quarkus start: the replay window off (the
 * platforms' published samples carry 2014 timestamps; 0 disables the check), a configured
 * organizer group for 督办 notices, a short media download budget per message (3 s), the production
 * limit on failed authentications (20, in an hour's window; with a trusted local proxy, so each test
 * sends from client addresses of its own), the production log sender (no message texts) and
 * reference data cached for an hour (a test that counts statements sees the cached reads as cached,
 * however slow the machine; this instance's own directory writes still empty the caches at once).
 */
public class AlternateSettings implements QuarkusTestProfile {

    /** The group code organizer notices go to under this profile. */
    public static final String ORGANIZER_GROUP = "duty-organizers";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("tongxin.webhook.max-clock-skew", "0"),
                Map.entry("tongxin.opinion.organizer-group", ORGANIZER_GROUP),
                Map.entry("tongxin.media.fetch-budget", "PT3S"),
                // the production limit on failed authentications; the tests' requests come through a
                // "proxy" (127.0.0.1) whose X-Forwarded-For names a client address of each test's own
                Map.entry("tongxin.auth.failure-limit", "20"),
                // an hour's window (production: a minute) so that a burst never straddles two windows
                Map.entry("tongxin.auth.failure-window", "1h"),
                Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1,0:0:0:0:0:0:0:1"),
                // the production log: the log sender prints no message texts
                Map.entry("tongxin.outbox.log-text", "false"),
                Map.entry("tongxin.reference-cache.ttl", "PT1H"));
    }
}
