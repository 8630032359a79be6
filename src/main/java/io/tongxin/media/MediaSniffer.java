package io.tongxin.media;

import io.tongxin.channel.MediaRef;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tells a file's type from its first bytes (magic numbers), never from its name or declared type:
 * images as JPEG, PNG, GIF or WebP; voice as the platforms send it: AMR (WeChat and WeCom voice),
 * SILK v3 (WeChat clients), Speex (raw or in Ogg), Ogg/Opus, MP3, AAC, M4A and WAV (bridges).
 */
final class MediaSniffer {

    private MediaSniffer() {}

    /** The sniffed type of {@code b} if it is content of the given kind; empty when it is not. */
    static Optional<String> sniff(MediaRef.Kind kind, byte[] b) {
        return switch (kind) {
            case IMAGE -> image(b);
            case VOICE -> audio(b);
            case LOCATION -> Optional.empty();
        };
    }

    static Optional<String> image(byte[] b) {
        if (starts(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return Optional.of("image/gif");
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    static Optional<String> audio(byte[] b) {
        if (ascii(b, 0, "#!AMR-WB\n")) {
            return Optional.of("audio/amr-wb");
        }
        if (ascii(b, 0, "#!AMR\n")) {
            return Optional.of("audio/amr");
        }
        if (ascii(b, 0, "#!SILK_V3") || (b.length > 0 && b[0] == 0x02 && ascii(b, 1, "#!SILK_V3"))) {
            return Optional.of("audio/silk");
        }
        if (ascii(b, 0, "Speex   ")) {
            return Optional.of("audio/speex");
        }
        if (ascii(b, 0, "OggS")) {
            return Optional.of(ascii(b, 28, "Speex   ") ? "audio/ogg; codecs=speex" : "audio/ogg");
        }
        if (ascii(b, 0, "ID3") || (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE6) == 0xE2)) {
            return Optional.of("audio/mpeg"); // an ID3 tag, or an MPEG audio frame sync (layer III)
        }
        if (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xF6) == 0xF0) {
            return Optional.of("audio/aac"); // ADTS
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) {
            return Optional.of("audio/wav");
        }
        if (ascii(b, 4, "ftyp") && (ascii(b, 8, "M4A ") || ascii(b, 8, "isom") || ascii(b, 8, "mp42"))) {
            return Optional.of("audio/mp4");
        }
        return Optional.empty();
    }

    /** The first bytes as hex, for a refusal's reason. */
    static String head(byte[] b) {
        return b.length == 0 ? "nothing" : HexFormat.of().formatHex(Arrays.copyOf(b, Math.min(8, b.length)));
    }

    private static boolean starts(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int at, String s) {
        byte[] e = s.getBytes(StandardCharsets.US_ASCII);
        return b.length >= at + e.length && Arrays.equals(b, at, at + e.length, e, 0, e.length);
    }
}
