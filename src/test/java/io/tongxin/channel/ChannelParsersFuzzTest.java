package io.tongxin.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fuzz targets for the callback parsers every WeChat and WeCom message goes through: the XML envelope
 * ({@link CallbackXml}), the message normalisation ({@link WechatXmlMessage}) and the AES unpadding
 * ({@link WechatCrypto#decrypt}, {@link WechatCrypto#decryptFile}). The only failure a hostile input
 * may cause is the parser's own {@link WebhookRejection} (a 4xx); any other exception or error is a
 * finding. Without {@code JAZZER_FUZZ} each target replays its committed corpus
 * ({@code src/test/resources/io/tongxin/channel/ChannelParsersFuzzTestInputs/<method>/}); see
 * docs/reliability.md for a fuzzing run.
 */
class ChannelParsersFuzzTest {

    /** A 43-character EncodingAESKey (the WeCom documentation's sample) and a receive id. */
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

    static final String RECEIVE_ID = "wx5823bf96d3bd56c7";

    private static final WechatCrypto CRYPTO = new WechatCrypto(AES_KEY, RECEIVE_ID);

    /** Any bytes as an XML callback body: parsed, or refused with a 400. */
    @FuzzTest(maxDuration = "60s")
    void xmlEnvelope(byte[] input) {
        String xml = new String(input, StandardCharsets.UTF_8);
        try {
            Map<String, String> fields = CallbackXml.parse(xml);
            fields.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new AssertionError("a parsed field has a null name or value");
                }
            });
        } catch (WebhookRejection e) {
            expectClientError(e);
        }
    }

    /** Any bytes as a decrypted message: normalised into a draft, or refused with a 400. */
    @FuzzTest(maxDuration = "60s")
    void xmlMessage(byte[] input) {
        String xml = new String(input, StandardCharsets.UTF_8);
        try {
            InboundDraft draft = WechatXmlMessage.normalise(CallbackXml.parse(xml), xml);
            if (draft.dedupeKey() == null || draft.dedupeKey().length() > 200 || draft.senderId() == null) {
                throw new AssertionError("a normalised message needs a bounded dedupe key and a sender");
            }
            // what the passive reply would carry back must be XML we parse ourselves
            String reply = WechatXmlMessage.passiveText(
                    draft.senderId(), draft.accountId(), java.time.Instant.EPOCH, draft.text());
            assertEquals(nz(draft.senderId()), nz(CallbackXml.parse(reply).get("ToUserName")));
        } catch (WebhookRejection e) {
            expectClientError(e);
        }
    }

    /**
     * Any bytes as the plaintext of a safe-mode payload (encrypted here with the channel's key, so the
     * fuzzer controls exactly what the unpadding, the length field, the UTF-8 check and the receive-id
     * check see), and the same bytes as an encrypted file. The first byte picks whether the input is
     * instead taken as the base64 text itself.
     */
    @FuzzTest(maxDuration = "60s")
    void aesUnpadding(byte[] input) {
        if (input.length > 0 && input[0] == 'B') {
            try {
                CRYPTO.decrypt(new String(input, 1, input.length - 1, StandardCharsets.ISO_8859_1));
            } catch (WebhookRejection e) {
                expectClientError(e);
            }
            return;
        }
        byte[] cipherText = encryptRaw(input);
        try {
            String message = CRYPTO.decrypt(Base64.getEncoder().encodeToString(cipherText));
            // what decrypts also round-trips
            assertEquals(message, CRYPTO.decrypt(CRYPTO.encrypt(message, new byte[16])));
        } catch (WebhookRejection e) {
            expectClientError(e);
        }
        try {
            byte[] file = CRYPTO.decryptFile(cipherText);
            if (file.length >= cipherText.length) {
                throw new AssertionError("an unpadded file is shorter than its ciphertext");
            }
        } catch (IllegalArgumentException e) {
            // the domain's refusal of a file this key did not encrypt
        }
    }

    /** The input as whole AES blocks (zero-filled to the next block; one block at least), encrypted raw. */
    private static byte[] encryptRaw(byte[] input) {
        int n = Math.max(16, (input.length + 15) / 16 * 16);
        byte[] plain = Arrays.copyOf(input, n);
        try {
            byte[] raw = Base64.getDecoder().decode(AES_KEY + "=");
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(raw, "AES"), new IvParameterSpec(Arrays.copyOf(raw, 16)));
            return c.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static void expectClientError(WebhookRejection e) {
        if (e.status() < 400 || e.status() > 499 || e.getMessage() == null) {
            throw new AssertionError("a rejection must be a 4xx with a detail, was " + e.status(), e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
