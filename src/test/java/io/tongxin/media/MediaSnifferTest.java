package io.tongxin.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tongxin.channel.MediaRef;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The type comes from the bytes, never from a name or a declared type. */
class MediaSnifferTest {

    private static Optional<String> image(byte[] b) {
        return MediaSniffer.sniff(MediaRef.Kind.IMAGE, b);
    }

    private static Optional<String> voice(byte[] b) {
        return MediaSniffer.sniff(MediaRef.Kind.VOICE, b);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldRecogniseTheImageFormatsThePlatformsSend() {
        assertEquals(Optional.of("image/jpeg"), image(Samples.jpeg()));
        assertEquals(Optional.of("image/png"), image(Samples.png()));
        assertEquals(Optional.of("image/gif"), image(ascii("GIF89a\u0001\u0000\u0001\u0000")));
        assertEquals(Optional.of("image/webp"), image(ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ")));
    }

    @Test
    void shouldRecogniseTheVoiceFormatsThePlatformsSend() {
        assertEquals(Optional.of("audio/amr"), voice(Samples.amr()));
        assertEquals(Optional.of("audio/amr-wb"), voice(ascii("#!AMR-WB\n\u0004")));
        assertEquals(Optional.of("audio/silk"), voice(ascii("\u0002#!SILK_V3\u000c\u0000")));
        assertEquals(Optional.of("audio/silk"), voice(ascii("#!SILK_V3\u000c\u0000")));
        assertEquals(Optional.of("audio/speex"), voice(ascii("Speex   1.2rc1")));
        byte[] ogg = new byte[40];
        System.arraycopy(ascii("OggS"), 0, ogg, 0, 4);
        System.arraycopy(ascii("Speex   "), 0, ogg, 28, 8);
        assertEquals(Optional.of("audio/ogg; codecs=speex"), voice(ogg));
        assertEquals(Optional.of("audio/mpeg"), voice(ascii("ID3\u0004\u0000")));
        assertEquals(Optional.of("audio/mpeg"), voice(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64}));
        assertEquals(Optional.of("audio/wav"), voice(ascii("RIFF\u0024\u0000\u0000\u0000WAVEfmt ")));
    }

    @Test
    void shouldRefuseWhatIsNotOfTheMessagesKind() {
        assertEquals(Optional.empty(), image(Samples.pdf()), "a PDF named .jpg");
        assertEquals(
                Optional.empty(), image(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")), "SVG can carry script");
        assertEquals(Optional.empty(), image(ascii("<html><script>alert(1)</script>")));
        assertEquals(Optional.empty(), image(Samples.amr()), "voice is not an image");
        assertEquals(Optional.empty(), voice(Samples.jpeg()), "an image is not voice");
        assertEquals(Optional.empty(), image(new byte[0]));
        assertEquals("255044462d312e34", MediaSniffer.head(Samples.pdf()));
    }
}
