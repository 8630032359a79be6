package io.tongxin.outbox.senders;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;

/**
 * A sender whose API takes an access token: the token comes from {@link AccessTokens} (shared by
 * all instances); when the platform says it is invalid or expired (40001, 40014, 42001) it is
 * dropped, fetched anew and the request retried exactly once.
 */
abstract class TokenSender implements Sender {

    @Inject
    PlatformHttp http;

    @Inject
    AccessTokens tokens;

    /** Upload errcodes that say this file will never be taken: invalid media type, file type, file size, image size. */
    private static final java.util.Set<String> UPLOAD_REFUSED = java.util.Set.of("40004", "40005", "40006", "40009");

    /** A request made with a given token. */
    @FunctionalInterface
    interface Call {
        PlatformHttp.Answer with(String token) throws PlatformHttp.Unreachable;
    }

    /** Key of this channel's token row. */
    abstract String tokenKey(SendingChannel c);

    /** The credentials the token is issued for (hashed to notice a changed secret). */
    abstract String credentials(SendingChannel c);

    /** The token endpoint URL, with credentials in its query. */
    abstract String tokenUrl(SendingChannel c);

    /** Requests made with a given token, judged as one result (an upload, then the message that names it). */
    @FunctionalInterface
    interface Steps {
        SendResult with(String token) throws PlatformHttp.Unreachable;
    }

    SendResult withToken(SendingChannel c, Call call) {
        return withTokenSteps(c, token -> postProcess(call.with(token)));
    }

    SendResult withTokenSteps(SendingChannel c, Steps steps) {
        try {
            String token = tokens.current(tokenKey(c), credentials(c), () -> fetch(c));
            SendResult result = steps.with(token);
            if (!result.isSent() && isTokenExpired(result)) {
                tokens.invalidate(tokenKey(c), token);
                token = tokens.current(tokenKey(c), credentials(c), () -> fetch(c));
                result = steps.with(token);
                if (!result.isSent() && isTokenExpired(result)) {
                    // A fresh token refused again: not a credentials problem we can prove; try later.
                    result = SendResult.temporary(result.code(), result.detail());
                }
            }
            return result;
        } catch (AccessTokens.Refused e) {
            return e.result();
        } catch (PlatformHttp.Unreachable e) {
            return e.asResult();
        }
    }

    /**
     * Sends a photo as the platform's image message: uploads its bytes as temporary media
     * ({@code POST {base}/cgi-bin/media/upload?access_token=T&type=image}, multipart field {@code media},
     * the same path on WeCom and Official Accounts), then posts the message {@code body} builds around
     * the {@code media_id} the upload answered, to {@code sendUrl(token)}. Both calls share the token
     * and its refresh-once rule; an upload that fails is this part's failure (retried, or dead, like a
     * text), so the message is sent only once the image message is. The platforms take JPEG and PNG
     * photos (and the Official Account GIF); another type is not uploaded: the part reports sent with
     * the reason, the text having gone already.
     */
    SendResult uploadAndSend(
            SendRequest r,
            java.util.function.UnaryOperator<String> sendUrl,
            java.util.function.Function<String, java.util.Map<String, Object>> body,
            java.util.Set<String> types) {
        io.tongxin.outbox.OutboundImages.Image image = r.image();
        if (!types.contains(image.mime())) {
            return SendResult.sent(
                    "photo not sent: " + name() + " takes " + String.join(", ", types) + ", not " + image.mime());
        }
        SendingChannel c = r.channel();
        return withTokenSteps(c, token -> {
            PlatformHttp.Answer up = http.postFile(
                    c.apiBaseUrl() + "/cgi-bin/media/upload?access_token=" + PlatformHttp.enc(token) + "&type=image",
                    "media",
                    image.asciiName(),
                    image.mime(),
                    image.bytes());
            JsonNode node = http.read(up.body());
            String mediaId = node == null ? null : node.path("media_id").asText(null);
            if (!up.ok() || mediaId == null || mediaId.isBlank()) {
                SendResult failed = http.errcodeResult(up);
                if (failed.code() != null && UPLOAD_REFUSED.contains(failed.code())) {
                    // this file will never upload (type or size): the text went, the photo cannot
                    return SendResult.sent("photo not sent: the platform refused its upload: " + failed.detail());
                }
                if (failed.isSent()) {
                    failed = SendResult.temporary("bad-answer", "the upload answered no media_id");
                }
                return new SendResult(
                        failed.outcome(),
                        failed.code(),
                        "media upload: " + (failed.detail() == null ? "" : failed.detail()));
            }
            return postProcess(http.postJson(sendUrl.apply(token), body.apply(mediaId)));
        });
    }

    /** Turns the answer into a result; senders refine it (e.g. WeCom's {@code invaliduser}). */
    SendResult postProcess(PlatformHttp.Answer answer) {
        return http.errcodeResult(answer);
    }

    private static boolean isTokenExpired(SendResult r) {
        return r.code() != null
                && r.code().matches("4\\d{4}")
                && ErrorCodes.TOKEN_EXPIRED.contains(Integer.parseInt(r.code()));
    }

    AccessTokens.Issued fetch(SendingChannel c) throws AccessTokens.Refused {
        PlatformHttp.Answer a;
        try {
            a = http.get(tokenUrl(c));
        } catch (PlatformHttp.Unreachable e) {
            throw new AccessTokens.Refused(SendResult.temporary("token-" + e.code(), e.getMessage()));
        }
        JsonNode node = http.read(a.body());
        if (!a.ok() || node == null) {
            throw new AccessTokens.Refused(
                    SendResult.temporary("token-http-" + a.status(), "the token endpoint answered HTTP " + a.status()));
        }
        int errcode = node.path("errcode").asInt(0);
        String token = node.path("access_token").asText(null);
        if (errcode == 0 && token != null && !token.isBlank()) {
            return new AccessTokens.Issued(token, node.path("expires_in").asLong(7200));
        }
        String detail =
                "token refused: errcode " + errcode + " " + node.path("errmsg").asText("");
        if (ErrorCodes.BAD_CREDENTIALS.contains(errcode)) {
            throw new AccessTokens.Refused(SendResult.permanent(Integer.toString(errcode), detail));
        }
        throw new AccessTokens.Refused(SendResult.temporary(Integer.toString(errcode), detail));
    }
}
