package io.tongxin.media;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;

/** Real files for the stand-in media endpoints, and the stored rows. */
final class Samples {

    private Samples() {}

    /** A real JPEG (a small photo-like image), written by the JDK's encoder. */
    static byte[] jpeg() {
        return image("jpg");
    }

    static byte[] png() {
        return image("png");
    }

    private static byte[] image(String format) {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(30, 60, 120));
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.YELLOW);
        g.fillOval(24, 8, 16, 16); // the street lamp
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** An AMR-NB file as WeChat and WeCom serve voice: the magic line and a few 12.2 kbit/s frames. */
    static byte[] amr() {
        byte[] head = "#!AMR\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + 32 * 5);
        for (int f = 0; f < 5; f++) {
            out[head.length + f * 32] = 0x3C; // frame header: mode 7 (12.2 kbit/s), quality bit
        }
        return out;
    }

    /** Something that is no image at all, as a disguised ".jpg" would carry it. */
    static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A file as a WeCom smart robot's image URL serves it: AES-256-CBC with the EncodingAESKey
     * (key = base64(EncodingAESKey + "=")), IV = its first 16 bytes, PKCS#7 padding to 32-byte blocks.
     * Written here with the JDK directly, independently of the service's WechatCrypto.
     */
    static byte[] robotEncrypted(byte[] plain, String encodingAesKey) {
        byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
        int pad = 32 - plain.length % 32;
        byte[] padded = Arrays.copyOf(plain, plain.length + pad);
        Arrays.fill(padded, plain.length, padded.length, (byte) pad);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
            return c.doFinal(padded);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored items of a channel, in message and item order. */
    static List<MediaItem> items(String channelKey) {
        return QuarkusTransaction.requiringNew()
                .call(() -> MediaItem.<MediaItem>list("channelKey = ?1 order by inboxId, itemIndex", channelKey));
    }
}
