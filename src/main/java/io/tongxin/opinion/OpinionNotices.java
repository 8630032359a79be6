package io.tongxin.opinion;

/**
 * Where opinion notifications go: the port the outbox adapter implements. Called inside the
 * transaction that made the change, so an implementation that writes outbox rows commits them with
 * it. {@code origin} is a stable key per notice (e.g. {@code opinion:2026-000001:assigned:3}) usable as
 * an idempotency key. Texts are final (zh-CN first, en beside it) and carry no phone numbers or full
 * names when they go to a group.
 */
public interface OpinionNotices {

    /** Where the reporter is answered: the chat the opinion was raised in (null = direct), @-mentioning them. */
    record ReporterAddress(String channelKey, String chatId, String userId) {
    }

    void toReporter(ReporterAddress address, String text, String origin);

    void toMember(String memberCode, String text, String origin);

    /** To the head of a workstation ({@code memberCode} as the directory named them). */
    void toWorkstationHead(String workstationCode, String memberCode, String text, String origin);

    /** To the organizers (督办). */
    void toOrganizers(String text, String origin);
}
