package io.tongxin.event;

import io.tongxin.shared.Phones;
import java.time.Instant;
import java.util.List;

/**
 * A registration as the API shows it. Names and notes are resident-written text and are masked for
 * phone numbers; the chat identity is shown only as its channel ({@code via}: {@code api} or {@code chat}).
 *
 * @param attendedSessions the numbers of the sessions the participant checked in to
 */
public record RegistrationView(
        String code,
        String status,
        String eventCode,
        String participantName,
        String communityCode,
        String residentCode,
        Integer age,
        String note,
        String via,
        String channelKey,
        Instant createdAt,
        Instant promotedAt,
        Instant cancelledAt,
        List<Integer> attendedSessions) {

    static RegistrationView of(Registration r, String eventCode, List<Integer> attended) {
        return new RegistrationView(
                r.code,
                r.status.wire(),
                eventCode,
                Phones.maskText(r.participantName),
                r.communityCode,
                r.residentCode,
                r.age,
                r.note == null ? null : Phones.maskText(r.note),
                r.channelKey == null ? "api" : "chat",
                r.channelKey,
                r.createdAt,
                r.promotedAt,
                r.cancelledAt,
                attended);
    }
}
