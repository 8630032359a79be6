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

    SendResult withToken(SendingChannel c, Call call) {
        try {
            String token = tokens.current(tokenKey(c), credentials(c), () -> fetch(c));
            SendResult result = postProcess(call.with(token));
            if (!result.isSent() && isTokenExpired(result)) {
                tokens.invalidate(tokenKey(c), token);
                token = tokens.current(tokenKey(c), credentials(c), () -> fetch(c));
                result = postProcess(call.with(token));
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
