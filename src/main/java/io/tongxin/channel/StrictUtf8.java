package io.tongxin.channel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 decoding that refuses malformed or unmappable bytes instead of replacing them. */
public final class StrictUtf8 {

    private StrictUtf8() {}

    /** Decodes {@code bytes[offset, offset+length)} or throws a 400 rejection naming {@code what}. */
    public static String decode(byte[] bytes, int offset, int length, String what) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw WebhookRejection.malformed(what + " is not valid UTF-8");
        }
    }

    public static String decode(byte[] bytes, String what) {
        return decode(bytes, 0, bytes.length, what);
    }
}
