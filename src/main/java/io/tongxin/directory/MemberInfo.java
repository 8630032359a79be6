package io.tongxin.directory;

import java.time.LocalDate;
import java.util.List;

/**
 * A committee member as other features see it (routing, notifications, tokens).
 *
 * @param identities the member's user ids per channel, to address or recognise them in chats
 */
public record MemberInfo(
        String code,
        String name,
        String level,
        String sectorCode,
        String workstationCode,
        List<String> communityCodes,
        int capacity,
        LocalDate onLeaveUntil,
        List<Identity> identities) {

    /** A member's user id on one channel. */
    public record Identity(String channelKey, String userId) {}

    /** True when the member is on leave on {@code day} (leave lasts up to and including {@code onLeaveUntil}). */
    public boolean onLeave(LocalDate day) {
        return onLeaveUntil != null && !day.isAfter(onLeaveUntil);
    }

    /** The member's user id on a channel, if they have one there. */
    public java.util.Optional<String> userIdOn(String channelKey) {
        return identities.stream()
                .filter(i -> i.channelKey().equals(channelKey))
                .map(Identity::userId)
                .findFirst();
    }

    /** The member's identities, the one on {@code channelKey} (may be null) first: where to reach them. */
    public List<Identity> identitiesPreferring(String channelKey) {
        List<Identity> ordered = new java.util.ArrayList<>(identities.size());
        identities.stream().filter(i -> i.channelKey().equals(channelKey)).forEach(ordered::add);
        identities.stream().filter(i -> !i.channelKey().equals(channelKey)).forEach(ordered::add);
        return ordered;
    }

    static MemberInfo of(Member m) {
        return new MemberInfo(
                m.code,
                m.name,
                m.level,
                m.sectorCode,
                m.workstationCode,
                m.communityCodes.stream().sorted().toList(),
                m.capacity,
                m.onLeaveUntil,
                m.identities.stream()
                        .map(i -> new Identity(i.channelKey, i.userId))
                        .sorted(java.util.Comparator.comparing(Identity::channelKey)
                                .thenComparing(Identity::userId))
                        .toList());
    }
}
