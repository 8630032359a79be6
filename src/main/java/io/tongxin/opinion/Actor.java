package io.tongxin.opinion;

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
}
