package io.tongxin.event.reminder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes {@link QuietHours} from the settings; a bad value stops the start-up with the setting's name. */
@ApplicationScoped
class QuietHoursProducer {

    /** Quiet hours in {@code tongxin.zone}: {@code HH:mm-HH:mm} or {@code none} (env {@code TONGXIN_QUIET_HOURS}). */
    @ConfigProperty(name = "tongxin.quiet-hours", defaultValue = "22:00-07:00")
    String quietHours;

    /**
     * A reminder due in quiet hours whose session starts before they end still goes at once when the
     * session is more than this away, else it is skipped (env {@code TONGXIN_EVENT_QUIET_MIN_LEAD}).
     */
    @ConfigProperty(name = "tongxin.event.quiet-min-lead", defaultValue = "PT30M")
    Duration minLead;

    @Inject
    ZoneId zone;

    @Produces
    @Singleton
    QuietHours quietHours() {
        return QuietHours.parse(quietHours, zone, minLead);
    }
}
