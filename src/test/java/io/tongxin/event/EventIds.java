package io.tongxin.event;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Test access to an event's id by code (the API speaks codes). */
final class EventIds {

    private EventIds() {}

    static long of(String code) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Event.<Event>find("code", code).firstResult().id);
    }
}
