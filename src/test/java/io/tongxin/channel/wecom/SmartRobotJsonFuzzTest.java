package io.tongxin.channel.wecom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tongxin.channel.CallbackRequest;
import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.ChannelSecrets;
import io.tongxin.channel.ChannelType;
import io.tongxin.channel.InboundDraft;
import io.tongxin.channel.WebhookRejection;
import io.tongxin.channel.WechatCrypto;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Fuzz target for the WeCom smart robot's JSON ({@link WecomBotAdapter}): any bytes as the decrypted
 * message of a correctly signed and encrypted callback are either a message or a 400, never another
 * exception. The first byte chooses whether the bytes are instead the outer (unencrypted) body.
 * Corpus: {@code src/test/resources/io/tongxin/channel/wecom/SmartRobotJsonFuzzTestInputs/smartRobotJson/}.
 */
class SmartRobotJsonFuzzTest {

    private static final String TOKEN = "robotfuzztoken";
    private static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private static final Instant NOW = Instant.parse("2024-03-09T16:00:00Z");
    private static final ChannelSecrets CHANNEL = new ChannelSecrets(
            new ChannelInfo(
                    "fuzz-robot", ChannelType.WECOM_BOT, "fuzz", null, null, null, "", null, null, true, "zh-CN"),
            TOKEN,
            AES_KEY,
            null,
            null);
    private static final WecomBotAdapter ADAPTER = new WecomBotAdapter();
    private static final WechatCrypto CRYPTO = CHANNEL.crypto();

    @FuzzTest(maxDuration = "60s")
    void smartRobotJson(byte[] input) {
        String ts = Long.toString(NOW.getEpochSecond());
        String nonce = "fuzznonce";
        byte[] body;
        String encrypted;
        if (input.length > 0 && input[0] == 'O') {
            body = java.util.Arrays.copyOfRange(input, 1, input.length);
            encrypted = "";
        } else {
            encrypted = CRYPTO.encrypt(new String(input, StandardCharsets.UTF_8), new byte[16]);
            body = ("{\"encrypt\":\"" + encrypted + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        Map<String, String> query = Map.of(
                "msg_signature", WechatCrypto.signature(TOKEN, ts, nonce, encrypted), "timestamp", ts, "nonce", nonce);
        CallbackRequest request = new CallbackRequest(query, h -> null, body, NOW, 300);
        try {
            InboundDraft draft = ADAPTER.open(CHANNEL, request);
            if (draft.dedupeKey() == null || draft.dedupeKey().length() > 200 || draft.senderId() == null) {
                throw new AssertionError("an accepted message needs a bounded dedupe key and a sender");
            }
            ADAPTER.answer(CHANNEL, request, draft.senderId(), draft.accountId(), java.util.Optional.of("ok"));
        } catch (WebhookRejection e) {
            if (e.status() < 400 || e.status() > 499) {
                throw new AssertionError("a rejection must be a 4xx, was " + e.status(), e);
            }
        }
    }
}
