package io.tongxin.channel.bridge;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tongxin.channel.CallbackRequest;
import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.ChannelSecrets;
import io.tongxin.channel.ChannelType;
import io.tongxin.channel.InboundDraft;
import io.tongxin.channel.WebhookRejection;
import java.time.Instant;
import java.util.Map;

/**
 * Fuzz target for the bridge protocol's JSON ({@link BridgeAdapter}, {@link BridgeAttachments}): any
 * bytes as a correctly signed body are either a message or a 400, never another exception. Corpus:
 * {@code src/test/resources/io/tongxin/channel/bridge/BridgeJsonFuzzTestInputs/bridgeJson/}.
 */
class BridgeJsonFuzzTest {

    private static final String SECRET = "bridge-fuzz-secret-0001";
    private static final Instant NOW = Instant.parse("2024-03-09T16:00:00Z");
    private static final ChannelSecrets CHANNEL = new ChannelSecrets(
            new ChannelInfo(
                    "fuzz-bridge",
                    ChannelType.BRIDGE,
                    "fuzz",
                    null,
                    null,
                    null,
                    null,
                    "http://127.0.0.1:9/send",
                    null,
                    true,
                    "zh-CN"),
            null,
            null,
            null,
            SECRET);
    private static final BridgeAdapter ADAPTER = new BridgeAdapter();

    @FuzzTest(maxDuration = "60s")
    void bridgeJson(byte[] body) {
        String ts = Long.toString(NOW.getEpochSecond());
        Map<String, String> headers = Map.of(
                BridgeSignature.TIMESTAMP_HEADER,
                ts,
                BridgeSignature.SIGNATURE_HEADER,
                BridgeSignature.sign(SECRET, ts, body));
        CallbackRequest request = new CallbackRequest(Map.of(), headers::get, body, NOW, 300);
        try {
            InboundDraft draft = ADAPTER.open(CHANNEL, request);
            if (draft.dedupeKey() == null || draft.dedupeKey().length() > 200 || draft.senderId() == null) {
                throw new AssertionError("an accepted message needs a bounded dedupe key and a sender");
            }
            ADAPTER.answer(CHANNEL, request, draft.senderId(), draft.accountId(), java.util.Optional.of("ok"));
        } catch (WebhookRejection e) {
            if (e.status() != 400) {
                throw new AssertionError("a signed body is refused only as malformed, was " + e.status(), e);
            }
        }
    }
}
