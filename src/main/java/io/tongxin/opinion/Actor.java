package io.tongxin.opinion;

import io.tongxin.shared.DomainException;

/**
 * Who acts on an opinion: an organizer (or the system), or a member who may act only on their own
 * assignments. {@code name} is what history shows.
 */
public record Actor(String name, String memberCode, boolean organizer) {

    public static Actor organizer(String name) {
        return new Actor(name, null, true);
    }

    public static Actor member(String memberCode) {
        return new Actor("member:" + memberCode, memberCode, false);
    }

    public static Actor system() {
        return new Actor("system", null, true);
    }

    /** Throws (not allowed) unless an organizer, or the member the opinion is assigned to. */
    void requireOwn(String number, String assigneeCode) {
        if (!organizer && (memberCode == null || !memberCode.equals(assigneeCode))) {
            throw DomainException.notAllowed("opinion " + number + " is not assigned to you");
        }
    }
}
