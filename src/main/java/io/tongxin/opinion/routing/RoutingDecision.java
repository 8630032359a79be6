package io.tongxin.opinion.routing;

import java.util.List;

/**
 * Why an opinion went where it went: the rule that decided, a sentence saying why, every member
 * considered (kept or skipped, with the reason) and the choice ({@code null} = organizer queue).
 */
public record RoutingDecision(
        String rule, String reason, List<Candidate> candidates, String memberCode, String memberName) {

    /** Rules, in the order the router tries them, then the manual ones. */
    public static final String PAIRING = "pairing";

    public static final String AREA_SECTOR = "area-sector";
    public static final String AREA = "area";
    public static final String SECTOR = "sector";
    public static final String WORKSTATION_HEAD = "workstation-head";
    public static final String ORGANIZER_QUEUE = "organizer-queue";
    public static final String MANUAL = "manual";
    public static final String TRANSFER = "transfer";

    /** One member considered at one rule. */
    public record Candidate(
            String memberCode, String name, String rule, boolean kept, String reason, int openLoad, Integer capacity) {}

    public boolean assigned() {
        return memberCode != null;
    }
}
