package io.tongxin.outbox.senders;

/** Delivers one part of a message to one platform. Implementations never throw for platform or network errors. */
public interface Sender {

    /** Short name used in attempt history and metrics, e.g. {@code wecom-robot}. */
    String name();

    SendResult send(SendRequest request);
}
