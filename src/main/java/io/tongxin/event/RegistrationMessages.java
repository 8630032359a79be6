package io.tongxin.event;

import io.tongxin.shared.Phones;

/**
 * The registration notice sent through the outbox (a promotion from the waitlist), zh-CN first with
 * en after it. The answers to the registration chat commands are bot scripts
 * ({@code bot-scripts/event-*.yaml}).
 */
final class RegistrationMessages {

    private RegistrationMessages() {}

    /** Told to a waitlisted participant who got a place. */
    static String promoted(String title, Registration r) {
        String name = Phones.maskText(r.participantName);
        return "好消息！「" + title + "」有了空位，" + name + " 已从候补转为正式报名，报名编号 " + r.code + "。\n"
                + "Good news: a place in \"" + title + "\" freed up and " + name + " is now registered, code " + r.code
                + ".";
    }
}
