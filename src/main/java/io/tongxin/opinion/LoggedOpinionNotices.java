package io.tongxin.opinion;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Used only while no outbox adapter is deployed: logs that a notice would be sent (origin only, never
 * the text, which may name people). The outbox feature's adapter replaces it.
 */
@DefaultBean
@ApplicationScoped
public class LoggedOpinionNotices implements OpinionNotices {

    private static final Logger LOG = Logger.getLogger(LoggedOpinionNotices.class);

    @Override
    public void toReporter(ReporterAddress address, String text, String origin) {
        LOG.infof("notice %s -> reporter", origin);
    }

    @Override
    public void toMember(String memberCode, String text, String origin) {
        LOG.infof("notice %s -> member %s", origin, memberCode);
    }

    @Override
    public void toWorkstationHead(String workstationCode, String memberCode, String text, String origin) {
        LOG.infof("notice %s -> head of %s", origin, workstationCode);
    }

    @Override
    public void toOrganizers(String text, String origin) {
        LOG.infof("notice %s -> organizers", origin);
    }
}
