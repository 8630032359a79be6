package io.tongxin.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tongxin.shared.ControlCharacters;
import java.util.List;
import java.util.Locale;

/**
 * What a callback says about one photo, voice message or location: where its bytes can be fetched
 * (never the bytes themselves, except a bridge's small inline base64), as the adapter read it. The
 * inbox stores these with the message; the media room fetches them in the inbox worker, never in the
 * webhook's answer path.
 *
 * @param kind        image, voice or location
 * @param source      how the bytes are fetched
 * @param mediaId     the platform's MediaId ({@link Source#PLATFORM_MEDIA})
 * @param url         a download URL: an Official Account's PicUrl, a smart robot's (encrypted) image URL,
 *                    a bridge attachment's URL
 * @param base64      a bridge attachment's content, inline
 * @param mime        the type the sender declared (never trusted: the content is sniffed)
 * @param name        a file name the sender gave, if any
 * @param format      a voice message's declared format (amr, speex, ...)
 * @param recognition the platform's speech recognition of a voice message
 * @param latitude    a location's latitude (Location_X)
 * @param longitude   a location's longitude (Location_Y)
 * @param scale       a location's map zoom (Scale)
 * @param label       a location's place name (Label)
 * @param aesKey      the key a smart robot gave with this image ({@code image.aeskey}, base64) to decrypt its
 *                    file with, instead of the channel's EncodingAESKey; null when it gave none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaRef(
        Kind kind,
        Source source,
        String mediaId,
        String url,
        String base64,
        String mime,
        String name,
        String format,
        String recognition,
        Double latitude,
        Double longitude,
        Integer scale,
        String label,
        String aesKey) {

    /** What the item is. */
    public enum Kind {
        IMAGE,
        VOICE,
        LOCATION;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where its bytes come from. */
    public enum Source {
        /** The platform's media API ({@code /cgi-bin/media/get?access_token&media_id}) with the channel's token. */
        PLATFORM_MEDIA,
        /** A plain download URL. */
        URL,
        /** A download URL whose content is AES-encrypted with the channel's EncodingAESKey (WeCom smart robot). */
        ENCRYPTED_URL,
        /** Carried in the callback itself (a bridge's base64). */
        INLINE,
        /** Nothing to fetch: a location, or a voice message of which the platform sends only the transcript. */
        NONE
    }

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public MediaRef {
        mediaId = ControlCharacters.strip(mediaId);
        url = ControlCharacters.strip(url);
        mime = ControlCharacters.strip(mime);
        name = ControlCharacters.strip(name);
        format = ControlCharacters.strip(format);
        recognition = ControlCharacters.strip(recognition);
        label = ControlCharacters.strip(label);
        aesKey = ControlCharacters.strip(aesKey);
    }

    public static MediaRef image(Source source, String mediaId, String url) {
        return new MediaRef(
                Kind.IMAGE, source, mediaId, url, null, null, null, null, null, null, null, null, null, null);
    }

    /** A smart robot's image: its URL serves the file encrypted with {@code aesKey}, else the channel's key. */
    public static MediaRef encryptedImage(String url, String aesKey) {
        return new MediaRef(
                Kind.IMAGE,
                Source.ENCRYPTED_URL,
                null,
                url,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                aesKey);
    }

    public static MediaRef voice(Source source, String mediaId, String format, String recognition) {
        return new MediaRef(
                Kind.VOICE, source, mediaId, null, null, null, null, format, recognition, null, null, null, null, null);
    }

    public static MediaRef location(Double latitude, Double longitude, Integer scale, String label) {
        return new MediaRef(
                Kind.LOCATION,
                Source.NONE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                latitude,
                longitude,
                scale,
                label,
                null);
    }

    /** The list as stored on the inbox row (JSON), or null for none. */
    public static String toJson(List<MediaRef> refs) {
        if (refs == null || refs.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(refs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write media references", e);
        }
    }

    /** The list read back from the inbox row. */
    public static List<MediaRef> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(json, new TypeReference<List<MediaRef>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored media references are not readable", e);
        }
    }
}
