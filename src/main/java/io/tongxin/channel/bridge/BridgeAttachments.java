package io.tongxin.channel.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.tongxin.channel.MediaRef;
import io.tongxin.channel.WebhookRejection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bridge protocol's {@code attachments}: {@code [{kind, mime?, name?, url | base64}]} for images and
 * voice, {@code {kind: "location", latitude, longitude, label?}} for a location. Checked strictly: an
 * unknown field, a kind we do not take, both or neither of url and base64, a URL that is not absolute
 * http(s), base64 that does not decode, or more than {@value #MAX} items is a 400.
 */
final class BridgeAttachments {

    static final int MAX = 9;
    private static final Set<String> MEDIA_FIELDS = Set.of("kind", "mime", "name", "url", "base64");
    private static final Set<String> LOCATION_FIELDS = Set.of("kind", "latitude", "longitude", "label");
    private static final Pattern MIME = Pattern.compile("[A-Za-z0-9.+-]{1,60}/[A-Za-z0-9.+-]{1,60}");

    private BridgeAttachments() {}

    static List<MediaRef> parse(JsonNode list) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw bad("attachments must be an array");
        }
        if (list.size() > MAX) {
            throw bad("attachments holds at most " + MAX + " items");
        }
        List<MediaRef> refs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            refs.add(one(list.get(i), "attachments[" + i + "]"));
        }
        return refs;
    }

    private static MediaRef one(JsonNode a, String at) {
        if (!a.isObject()) {
            throw bad(at + " must be an object");
        }
        String kind = string(a, "kind", at, 16);
        if (kind == null) {
            throw bad(at + ".kind is required (image, voice or location)");
        }
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "image", "voice" -> {
                onlyFields(a, MEDIA_FIELDS, at);
                String url = string(a, "url", at, 2000);
                String base64 = string(a, "base64", at, Integer.MAX_VALUE);
                if ((url == null) == (base64 == null)) {
                    throw bad(at + " needs exactly one of url and base64");
                }
                if (url != null) {
                    checkUrl(url, at);
                }
                if (base64 != null) {
                    base64 = base64.replaceAll("\\s", "");
                    try {
                        Base64.getDecoder().decode(base64);
                    } catch (IllegalArgumentException e) {
                        throw bad(at + ".base64 is not valid base64");
                    }
                }
                String mime = string(a, "mime", at, 121);
                if (mime != null && !MIME.matcher(mime).matches()) {
                    throw bad(at + ".mime is not a media type (type/subtype)");
                }
                String name = string(a, "name", at, 200);
                return new MediaRef(
                        kind.equalsIgnoreCase("image") ? MediaRef.Kind.IMAGE : MediaRef.Kind.VOICE,
                        url != null ? MediaRef.Source.URL : MediaRef.Source.INLINE,
                        null,
                        url,
                        base64,
                        mime,
                        name,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            }
            case "location" -> {
                onlyFields(a, LOCATION_FIELDS, at);
                return MediaRef.location(
                        number(a, "latitude", at, 90),
                        number(a, "longitude", at, 180),
                        null,
                        string(a, "label", at, 200));
            }
            default -> throw bad(at + ".kind must be image, voice or location");
        }
    }

    private static void onlyFields(JsonNode a, Set<String> allowed, String at) {
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw bad(at + " has an unknown field '" + f + "'");
            }
        }
    }

    private static String string(JsonNode a, String field, String at, int max) {
        JsonNode v = a.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad(at + "." + field + " must be a string");
        }
        String s = v.asText();
        if (s.isBlank()) {
            throw bad(at + "." + field + " must not be blank");
        }
        if (s.length() > max) {
            throw bad(at + "." + field + " is longer than " + max + " characters");
        }
        return s;
    }

    private static double number(JsonNode a, String field, String at, double bound) {
        JsonNode v = a.get(field);
        if (v == null || !v.isNumber()) {
            throw bad(at + "." + field + " must be a number");
        }
        double d = v.asDouble();
        if (Double.isNaN(d) || Math.abs(d) > bound) {
            throw bad(at + "." + field + " is out of range");
        }
        return d;
    }

    private static void checkUrl(String url, String at) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getUserInfo() != null) {
                throw bad(at + ".url must be an absolute http(s) URL without credentials");
            }
        } catch (URISyntaxException e) {
            throw bad(at + ".url is not a valid URL");
        }
    }

    private static WebhookRejection bad(String detail) {
        return WebhookRejection.malformed(detail);
    }
}
