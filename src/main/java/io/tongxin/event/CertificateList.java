package io.tongxin.event;

import java.util.List;

/**
 * The participants of a class who earned a completion certificate: registered participants who
 * attended at least {@code share} of its scheduled (not cancelled) sessions.
 *
 * @param scheduledSessions the sessions that count (cancelled ones do not)
 * @param required          the fewest sessions attended that earn a certificate
 */
public record CertificateList(
        String eventCode,
        String title,
        int scheduledSessions,
        double share,
        int required,
        List<Certificate> items,
        long total) {

    /** One certificate. */
    public record Certificate(
            String registrationCode,
            String participantName,
            String communityCode,
            String communityName,
            int attended) {}
}
