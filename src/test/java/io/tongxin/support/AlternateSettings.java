package io.tongxin.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * One test profile for the settings the default test configuration leaves at their defaults, so
 * the classes that need them share a single extra Quarkus start: the replay window off (the
 * platforms' published samples carry 2014 timestamps; 0 disables the check), a configured
 * organizer group for 督办 notices, and a short media download budget per message (3 s).
 */
public class AlternateSettings implements QuarkusTestProfile {

    /** The group code organizer notices go to under this profile. */
    public static final String ORGANIZER_GROUP = "duty-organizers";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tongxin.webhook.max-clock-skew",
                "0",
                "tongxin.opinion.organizer-group",
                ORGANIZER_GROUP,
                "tongxin.media.fetch-budget",
                "PT3S");
    }
}
