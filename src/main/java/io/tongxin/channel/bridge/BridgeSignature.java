package io.tongxin.channel.bridge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bridge signature, both directions: {@code X-Tongxin-Signature: sha256=<hex HMAC-SHA256(secret,
 * timestamp + "." + raw body)>} with {@code X-Tongxin-Timestamp} in epoch seconds.
 */
public final class BridgeSignature {

    public static final String SIGNATURE_HEADER = "X-Tongxin-Signature";
    public static final String TIMESTAMP_HEADER = "X-Tongxin-Timestamp";

    private BridgeSignature() {}

    /** The header value {@code sha256=<hex>} for a body sent at {@code timestamp}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    /** Constant-time check of a received header value. */
    public static boolean verify(String secret, String timestamp, byte[] body, String header) {
        if (header == null || !header.regionMatches(true, 0, "sha256=", 0, 7)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(7).strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, timestamp, body), given);
    }

    private static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
