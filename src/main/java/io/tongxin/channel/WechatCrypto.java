package io.tongxin.channel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The callback crypto shared by WeChat Official Account safe mode, WeCom apps and WeCom smart robots:
 * AES-256-CBC with the key {@code Base64(EncodingAESKey + "=")}, IV = first 16 key bytes, plaintext
 * {@code random(16) + length(4, big-endian) + message + receiveId}, PKCS#7 padded to 32-byte blocks
 * (written by hand: the JDK's PKCS5Padding pads to 16). Decryption is strict: the ciphertext must be
 * whole AES blocks, every pad byte must equal the pad length (1..32), the length field must fit, the
 * message and receive id must be valid UTF-8, and the receive id must be ours.
 */
public final class WechatCrypto {

    private static final int BLOCK = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private final byte[] receiveId;

    /**
     * @param encodingAesKey the 43-character EncodingAESKey from the platform's console
     * @param receiveId      AppID, CorpID or the smart robot's receive id ("" for an internal robot)
     */
    public WechatCrypto(String encodingAesKey, String receiveId) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encodingAesKey + "=");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("EncodingAESKey is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("EncodingAESKey must decode to 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.iv = new IvParameterSpec(Arrays.copyOf(raw, 16));
        this.receiveId = (receiveId == null ? "" : receiveId).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code sha1hex(concat(sort(parts)))}: the platforms' callback signature. */
    public static String signature(String... parts) {
        String[] sorted = parts.clone();
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = sorted[i] == null ? "" : sorted[i];
        }
        Arrays.sort(sorted);
        StringBuilder sb = new StringBuilder();
        for (String p : sorted) {
            sb.append(p);
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-1").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of a received hex signature with the expected one (case-insensitive). */
    public static boolean signatureMatches(String expectedHex, String givenHex) {
        if (givenHex == null) {
            return false;
        }
        byte[] a = expectedHex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] b = givenHex.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(a, b);
    }

    /** Encrypts a message for this receive id with fresh random bytes; returns base64. */
    public String encrypt(String message) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return encrypt(message, random);
    }

    /** Encrypts with the given 16 random bytes (for reproducible tests and samples). */
    public String encrypt(String message, byte[] random16) {
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        int n = 16 + 4 + msg.length + receiveId.length;
        int pad = BLOCK - n % BLOCK;
        ByteBuffer buf = ByteBuffer.allocate(n + pad);
        buf.put(random16, 0, 16).putInt(msg.length).put(msg).put(receiveId);
        for (int i = 0; i < pad; i++) {
            buf.put((byte) pad);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, iv);
            return Base64.getEncoder().encodeToString(cipher.doFinal(buf.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    /**
     * Decrypts a base64 ciphertext and returns the message. Throws a 400 {@link WebhookRejection} for bad
     * base64, a partial block, bad padding, a wrong length field or bad UTF-8, and a 401 for a message
     * addressed to another receive id.
     */
    public String decrypt(String base64) {
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw WebhookRejection.malformed("the encrypted payload is not valid base64");
        }
        if (cipherText.length == 0 || cipherText.length % 16 != 0) {
            throw WebhookRejection.malformed("the encrypted payload is not a whole number of AES blocks");
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, iv);
            plain = cipher.doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw WebhookRejection.malformed("the encrypted payload cannot be decrypted");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw WebhookRejection.malformed("the encrypted payload has invalid padding");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw WebhookRejection.malformed("the encrypted payload has invalid padding");
            }
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw WebhookRejection.malformed("the encrypted payload is too short");
        }
        int msgLen = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (msgLen < 0 || msgLen > end - 20) {
            throw WebhookRejection.malformed("the encrypted payload has a wrong length field");
        }
        String message = StrictUtf8.decode(plain, 20, msgLen, "the decrypted message");
        int idStart = 20 + msgLen;
        if (!MessageDigest.isEqual(Arrays.copyOfRange(plain, idStart, end), receiveId)) {
            throw WebhookRejection.receiveId("the message is addressed to another app (receive id mismatch)");
        }
        return message;
    }

    /**
     * Decrypts a file the platform serves encrypted with this key (a WeCom smart robot's image URL):
     * AES-256-CBC, IV = first 16 key bytes, PKCS#7 padding to 32-byte blocks; unlike a message there
     * is no random prefix, length field or receive id. Throws {@link IllegalArgumentException} for a
     * partial block or bad padding (the content is not what this key encrypted).
     */
    public byte[] decryptFile(byte[] cipherText) {
        if (cipherText.length == 0 || cipherText.length % 16 != 0) {
            throw new IllegalArgumentException("the encrypted file is not a whole number of AES blocks");
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, iv);
            plain = cipher.doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the encrypted file cannot be decrypted");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new IllegalArgumentException("the encrypted file has invalid padding");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new IllegalArgumentException("the encrypted file has invalid padding");
            }
        }
        return Arrays.copyOf(plain, plain.length - pad);
    }
}
