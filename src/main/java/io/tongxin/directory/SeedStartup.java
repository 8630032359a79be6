package io.tongxin.directory;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/**
 * Imports the seed folder at start-up when {@code tongxin.seeds.import-at-start} is on. A bad file
 * stops the start with its name and line; a race with another instance importing at the same moment
 * is retried once (the second pass finds the other's rows and leaves them be).
 */
@ApplicationScoped
class SeedStartup {

    private static final Logger LOG = Logger.getLogger(SeedStartup.class);

    @Inject
    SeedsConfig config;

    @Inject
    SeedImporter importer;

    void onStart(@Observes StartupEvent event) {
        if (!config.importAtStart()) {
            return;
        }
        SeedReport report;
        try {
            report = importOnce();
        } catch (SeedException e) {
            throw new IllegalStateException("Seed import failed: " + e.getMessage()
                    + " (fix the file or set tongxin.seeds.import-at-start=false)");
        }
        LOG.infof(
                "Seeds imported from %s: %d created, %d updated, %d unchanged %s",
                config.dir(), report.created(), report.updated(), report.unchanged(), report.kinds());
    }

    private SeedReport importOnce() {
        try {
            return importer.importConfigured();
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof ConstraintViolationException) {
                    LOG.info("Seed import raced with another instance; retrying once");
                    return importer.importConfigured();
                }
            }
            throw e;
        }
    }
}
