package io.tongxin.opinion;

import io.tongxin.dialogue.Notice;

/**
 * Where opinion notifications go; implemented with the outbox by {@link OutboxOpinionNotices}.
 * Called inside the transaction that made the change, so the outbox rows commit (or roll back) with
 * it. {@code key} is stable per notice (e.g. {@code opinion:2026-000001:assigned:3}) and is the outbox
 * idempotency key, so a retried transaction never stores a notice twice. A notice is worded where
 * it goes: in the language of the channel it is sent on, one language per message. Its variables
 * carry no full names when they go to a group and are already masked by who wrote each part
 * ({@link OpinionMessages}): residents' numbers never, a member's service number as given.
 */
public interface OpinionNotices {

    /** Where the reporter is answered: the chat the opinion was raised in (null = direct), @-mentioning them. */
    record ReporterAddress(String channelKey, String chatId, String userId) {}

    /** What became of a notice: stored in the outbox, or the reason nobody could be addressed. */
    record Delivery(boolean queued, String problem) {

        public static Delivery stored() {
            return new Delivery(true, null);
        }

        public static Delivery unaddressed(String problem) {
            return new Delivery(false, problem);
        }
    }

    Delivery toReporter(String number, ReporterAddress address, Notice notice, String key);

    /**
     * To a member (assignee, or a workstation head) on their own chat identity: the one on
     * {@code preferredChannelKey} (the channel the opinion came from) if they have it, else any.
     */
    default Delivery toMember(String number, String memberCode, String preferredChannelKey, Notice notice, String key) {
        return toMember(number, memberCode, preferredChannelKey, notice, key, null);
    }

    /**
     * The same, followed by a photo ({@code photo}: a media item's id, the concern's first photo; null:
     * none), sent on the member's channel as that platform sends images (docs/outbox.md, "Photos").
     */
    Delivery toMember(
            String number, String memberCode, String preferredChannelKey, Notice notice, String key, Long photo);

    /** To the organizers (督办) responsible for the workstation ({@code null} when the opinion has none). */
    Delivery toOrganizers(String number, String workstationCode, Notice notice, String key);
}
