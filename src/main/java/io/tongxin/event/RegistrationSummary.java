package io.tongxin.event;

import java.util.List;

/**
 * An event's registration counts, in all and per community against its quota.
 *
 * @param capacity  places in all, 0 = unlimited
 * @param available places left, null when unlimited
 * @param communities every community with a quota or a registration, by code; {@code quota} and
 *                    {@code remaining} are null for a community without a quota ({@code communityCode}
 *                    null: registrations without a community)
 */
public record RegistrationSummary(
        String eventCode,
        int capacity,
        long registered,
        long waitlisted,
        long cancelled,
        Long available,
        List<Community> communities) {

    /** One community's figures. */
    public record Community(
            String communityCode,
            String communityName,
            Integer quota,
            long registered,
            long waitlisted,
            Long remaining) {}
}
