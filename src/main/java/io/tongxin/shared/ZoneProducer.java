package io.tongxin.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The deployment's time zone ({@code tongxin.zone}, env {@code TONGXIN_ZONE}, default
 * {@code Asia/Shanghai}): dates in filters and reports, times in chat messages, opinion numbers'
 * year, routing's "recently assigned" day and quiet hours all use it. Inject {@link ZoneId}; never
 * write the literal.
 */
@ApplicationScoped
public class ZoneProducer {

    /** The time zone of the deployment: residents, members and organizers live in it. */
    @ConfigProperty(name = "tongxin.zone", defaultValue = "Asia/Shanghai")
    ZoneId zone;

    @Produces
    @Singleton
    ZoneId zone() {
        return zone;
    }
}
