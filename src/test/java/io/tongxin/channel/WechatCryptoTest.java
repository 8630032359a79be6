package io.tongxin.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.junit.jupiter.api.Test;

/**
 * The callback crypto against the WeCom documentation's published sample (corp wx5823bf96d3bd56c7,
 * token QDG6eK) and against binarywang WxJava's WxCryptUtil in both directions, plus each strictness
 * rule on crafted ciphertexts.
 */
public class WechatCryptoTest {

    static final String TOKEN = "QDG6eK";
    static final String KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String CORP = "wx5823bf96d3bd56c7";

    // Published WeCom sample: verify URL
    static final String VERIFY_SIG = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
    static final String VERIFY_TS = "1409659589";
    static final String VERIFY_NONCE = "263014780";
    static final String VERIFY_ECHO =
            "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

    // Published WeCom sample: a callback message
    static final String REQ_SIG = "477715d11cdb4164915debcba66cb864d751f3e6";
    static final String REQ_TS = "1409659813";
    static final String REQ_NONCE = "1372623149";
    public static final String REQ_ENCRYPT =
            "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

    final WechatCrypto crypto = new WechatCrypto(KEY, CORP);

    @Test
    void shouldVerifyAndDecryptThePublishedUrlVerificationSample() {
        assertEquals(VERIFY_SIG, WechatCrypto.signature(TOKEN, VERIFY_TS, VERIFY_NONCE, VERIFY_ECHO));
        assertEquals("1616140317555161061", crypto.decrypt(VERIFY_ECHO));
    }

    @Test
    void shouldVerifyDecryptAndNormaliseThePublishedMessageSample() {
        assertEquals(REQ_SIG, WechatCrypto.signature(TOKEN, REQ_TS, REQ_NONCE, REQ_ENCRYPT));
        String xml = crypto.decrypt(REQ_ENCRYPT);
        Map<String, String> f = CallbackXml.parse(xml);
        assertEquals("mycreate", f.get("FromUserName"));
        assertEquals("218", f.get("AgentID"));
        InboundDraft d = WechatXmlMessage.normalise(f, xml);
        assertEquals(MessageKind.TEXT, d.kind());
        assertEquals("hello", d.text());
        assertEquals("id:4561255354251345929", d.dedupeKey());
        assertEquals(1409659813L, d.platformTime().getEpochSecond());
    }

    @Test
    void shouldDecryptWhatTheIndependentSdkEncrypts() {
        WxCryptUtil sdk = new WxCryptUtil(TOKEN, KEY, CORP);
        for (String msg : new String[] {"", "a", "社情民意 " + "x".repeat(31), "y".repeat(4000)}) {
            WxCryptUtil.EncryptContext ctx = sdk.encryptContext(msg);
            assertEquals(
                    ctx.getSignature(),
                    WechatCrypto.signature(TOKEN, ctx.getTimeStamp(), ctx.getNonce(), ctx.getEncrypt()));
            assertEquals(msg, crypto.decrypt(ctx.getEncrypt()));
        }
    }

    @Test
    void shouldEncryptSoTheIndependentSdkDecrypts() {
        WxCryptUtil sdk = new WxCryptUtil(TOKEN, KEY, CORP);
        for (int len = 0; len < 70; len++) {
            String msg = "回".repeat(len % 7) + "z".repeat(len);
            assertEquals(msg, sdk.decrypt(crypto.encrypt(msg)));
        }
        String envelope = WechatXmlMessage.encryptedEnvelope(
                crypto, TOKEN, "<xml><Content>hi</Content></xml>", "1409659813", "1372623149");
        Map<String, String> e = CallbackXml.parse(envelope);
        assertEquals(
                "<xml><Content>hi</Content></xml>",
                sdk.decryptXml(e.get("MsgSignature"), e.get("TimeStamp"), e.get("Nonce"), envelope));
    }

    @Test
    void shouldPadToThirtyTwoByteBlocksIncludingAFullBlock() {
        // 16 + 4 + 26 + 18 (receive id) = 64 bytes: PKCS#7 with 32-byte blocks adds a whole block of 32s
        byte[] plain = rawDecrypt(crypto.encrypt("x".repeat(26), new byte[16]).getBytes(StandardCharsets.US_ASCII));
        assertEquals(96, plain.length);
        for (int i = 64; i < 96; i++) {
            assertEquals(32, plain[i]);
        }
        // 16 + 4 + 27 + 18 = 65 bytes: 31 bytes of 31
        byte[] other = rawDecrypt(crypto.encrypt("x".repeat(27), new byte[16]).getBytes(StandardCharsets.US_ASCII));
        assertEquals(96, other.length);
        assertEquals(31, other[95]);
        assertEquals(31, other[65]);
    }

    @Test
    void shouldRejectBadBase64PartialBlocksBadPaddingAndWrongLengthField() {
        assertReject(400, "base64", () -> crypto.decrypt("!!!not-base64!!!"));
        assertReject(400, "AES blocks", () -> crypto.decrypt(Base64.getEncoder().encodeToString(new byte[20])));
        assertReject(400, "padding", () -> crypto.decrypt(rawEncrypt(body("hello", CORP, 0))));
        assertReject(400, "padding", () -> crypto.decrypt(rawEncrypt(body("hello", CORP, 33))));
        assertReject(400, "padding", () -> crypto.decrypt(rawEncrypt(inconsistentPadding())));
        assertReject(400, "length", () -> crypto.decrypt(rawEncrypt(withLength("hello", CORP, 9999))));
        assertReject(400, "length", () -> crypto.decrypt(rawEncrypt(withLength("hello", CORP, -1))));
    }

    @Test
    void shouldRejectAnotherReceiveIdAndBadUtf8() {
        String forOther = new WechatCrypto(KEY, "wxOTHERAPP").encrypt("hello");
        assertReject(401, "receive id", () -> crypto.decrypt(forOther));
        byte[] badUtf8 = {(byte) 0xC3, (byte) 0x28};
        assertReject(
                400,
                "UTF-8",
                () -> crypto.decrypt(rawEncrypt(pkcs7(concat(
                        new byte[16],
                        ByteBuffer.allocate(4).putInt(2).array(),
                        badUtf8,
                        CORP.getBytes(StandardCharsets.UTF_8))))));
    }

    @Test
    void shouldRefuseDoctypeAndEntitiesFast() {
        // CPU time of this thread, not wall time: a loaded machine delays it but does not add to it,
        // while expanding the entities would cost far more than a second of CPU
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = cpu.getCurrentThreadCpuTime();
        assertReject(
                400,
                "DOCTYPE",
                () -> CallbackXml.parse(
                        "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><xml><A>&b;</A></xml>"));
        assertReject(
                400,
                "DOCTYPE",
                () -> CallbackXml.parse("<?xml version=\"1.0\"?><!doctype xml SYSTEM \"file:///etc/passwd\"><xml/>"));
        long used = cpu.getCurrentThreadCpuTime() - start;
        assertTrue(used < 1_000_000_000L, "refused after " + used / 1_000_000 + " ms of CPU");
        assertReject(400, "malformed", () -> CallbackXml.parse("<xml><A>unclosed</xml>"));
        assertReject(400, "<xml>", () -> CallbackXml.parse("<root><A>1</A></root>"));
    }

    // --- crafted ciphertexts, built with the JDK directly ---

    static byte[] body(String msg, String receiveId, int padByte) {
        byte[] m = msg.getBytes(StandardCharsets.UTF_8);
        byte[] core = concat(
                new byte[16],
                ByteBuffer.allocate(4).putInt(m.length).array(),
                m,
                receiveId.getBytes(StandardCharsets.UTF_8));
        int total = (core.length / 32 + 1) * 32;
        byte[] out = Arrays.copyOf(core, total);
        Arrays.fill(out, core.length, total, (byte) padByte);
        return out;
    }

    static byte[] inconsistentPadding() {
        byte[] b = body("hello", CORP, 0);
        int pad = b.length - (16 + 4 + 5 + CORP.length());
        Arrays.fill(b, b.length - pad, b.length, (byte) pad);
        b[b.length - 2] = (byte) (pad - 1);
        return b;
    }

    static byte[] withLength(String msg, String receiveId, int length) {
        byte[] b = pkcs7(concat(
                new byte[16],
                ByteBuffer.allocate(4).putInt(0).array(),
                msg.getBytes(StandardCharsets.UTF_8),
                receiveId.getBytes(StandardCharsets.UTF_8)));
        ByteBuffer.wrap(b).putInt(16, length);
        return b;
    }

    static byte[] pkcs7(byte[] core) {
        int pad = 32 - core.length % 32;
        byte[] out = Arrays.copyOf(core, core.length + pad);
        Arrays.fill(out, core.length, out.length, (byte) pad);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static String rawEncrypt(byte[] plain) {
        try {
            byte[] k = Base64.getDecoder().decode(KEY + "=");
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(Arrays.copyOf(k, 16)));
            return Base64.getEncoder().encodeToString(c.doFinal(plain));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] rawDecrypt(byte[] base64) {
        try {
            byte[] k = Base64.getDecoder().decode(KEY + "=");
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(Arrays.copyOf(k, 16)));
            return c.doFinal(Base64.getDecoder().decode(base64));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertReject(int status, String detailPart, Runnable r) {
        WebhookRejection e = assertThrows(WebhookRejection.class, r::run);
        assertEquals(status, e.status(), e.getMessage());
        assertTrue(
                e.getMessage().contains(detailPart) || e.reason().contains(detailPart),
                "'" + e.getMessage() + "' should mention " + detailPart);
    }
}
