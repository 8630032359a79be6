package io.tongxin.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tongxin.channel.ChannelSecrets;
import io.tongxin.channel.MediaRef;
import io.tongxin.channel.WechatCrypto;
import io.tongxin.outbox.senders.AccessTokens;
import io.tongxin.outbox.senders.PlatformHttp;
import io.tongxin.outbox.senders.PlatformTokens;
import io.tongxin.outbox.senders.SendingChannel;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gets an item's bytes from where its platform keeps them: the media API
 * ({@code GET {apiBaseUrl}/cgi-bin/media/get?access_token&media_id}, 获取临时素材, with the app's shared
 * access token, refreshed and retried once on 40001/40014/42001), a plain URL (an Official Account's
 * PicUrl without an AppSecret, a bridge attachment), a smart robot's URL whose content is decrypted
 * with the channel's EncodingAESKey, or a bridge's inline base64. Bounded: a connect timeout, a
 * deadline for the whole download, and the size cap enforced while the bytes stream in.
 *
 * <p>What no retry will fix is a {@link Result.Refused} (too large, undecryptable, an expired media
 * id); what may pass is a {@link MediaFetchFailed}, which fails the processing attempt.
 */
@ApplicationScoped
public class MediaDownloads {

    /** The bytes, or why there are none. */
    sealed interface Result {
        record Fetched(byte[] bytes) implements Result {}

        record Refused(String reason) implements Result {}
    }

    /** Errcodes of the media API that say the item is gone for good. */
    private static final java.util.Set<Integer> GONE = java.util.Set.of(40007, 40004, 40005, 40006);

    @Inject
    MediaConfig config;

    @Inject
    PlatformTokens tokens;

    @Inject
    ObjectMapper json;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** @param left what is left of the message's download budget: no download waits longer than that */
    Result fetch(ChannelSecrets channel, MediaRef ref, Duration left) throws MediaFetchFailed {
        Duration timeout = left.compareTo(config.fetchTimeout()) < 0 ? left : config.fetchTimeout();
        return switch (ref.source()) {
            case INLINE -> inline(ref.base64());
            case URL -> get(ref.url(), config.maxBytes(), timeout);
            case ENCRYPTED_URL -> encrypted(channel, ref.url(), ref.aesKey(), timeout);
            case PLATFORM_MEDIA -> platform(channel, ref, timeout);
            case NONE -> throw new IllegalArgumentException("nothing to fetch");
        };
    }

    private Result inline(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new Result.Refused("the inline base64 does not decode");
        }
        return bytes.length > config.maxBytes() ? tooLarge() : new Result.Fetched(bytes);
    }

    private Result encrypted(ChannelSecrets channel, String url, String aesKey, Duration timeout)
            throws MediaFetchFailed {
        WechatCrypto itsOwn = null;
        if (aesKey != null) {
            try {
                // base64 of 32 bytes, with or without its one '=' (the EncodingAESKey form)
                itsOwn = new WechatCrypto(aesKey.endsWith("=") ? aesKey.substring(0, aesKey.length() - 1) : aesKey, "");
            } catch (IllegalArgumentException e) {
                return new Result.Refused("the image's own aeskey is not a 32-byte base64 key");
            }
        }
        // the ciphertext is at most one 32-byte padding block longer than the file
        Result r = get(url, config.maxBytes() + 32, timeout);
        if (!(r instanceof Result.Fetched f)) {
            return r;
        }
        String whose = itsOwn != null ? "the image's own aeskey" : "the channel's EncodingAESKey";
        byte[] plain;
        try {
            plain = (itsOwn != null ? itsOwn : channel.crypto()).decryptFile(f.bytes());
        } catch (IllegalArgumentException e) {
            return new Result.Refused("the robot's file does not decrypt with " + whose + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new Result.Refused("the channel has no EncodingAESKey to decrypt the robot's file with");
        }
        return plain.length > config.maxBytes() ? tooLarge() : new Result.Fetched(plain);
    }

    private Result platform(ChannelSecrets channel, MediaRef ref, Duration timeout) throws MediaFetchFailed {
        SendingChannel c = SendingChannel.of(channel);
        if (ref.mediaId() == null || !PlatformTokens.hasToken(c)) {
            if (ref.url() != null) {
                return get(ref.url(), config.maxBytes(), timeout); // an Official Account's PicUrl
            }
            return new Result.Refused(
                    ref.mediaId() == null
                            ? "the message names no MediaId"
                            : "the channel has no app secret to call the media API with");
        }
        for (int attempt = 1; ; attempt++) {
            String token;
            try {
                token = tokens.current(c);
            } catch (AccessTokens.Refused e) {
                throw new MediaFetchFailed("no access token for the media API: " + e.detail());
            }
            String url = c.apiBaseUrl() + "/cgi-bin/media/get?access_token=" + PlatformHttp.enc(token) + "&media_id="
                    + PlatformHttp.enc(ref.mediaId());
            Result r = get(url, config.maxBytes(), timeout);
            if (!(r instanceof Result.Fetched f)) {
                return r;
            }
            JsonNode error = errcode(f.bytes());
            if (error == null) {
                return r;
            }
            int code = error.path("errcode").asInt();
            String detail = "errcode " + code + " " + error.path("errmsg").asText("");
            if (PlatformTokens.tokenExpired(code) && attempt == 1) {
                tokens.invalidate(c, token);
                continue;
            }
            if (GONE.contains(code)) {
                return new Result.Refused("the platform no longer has this media (" + detail.strip()
                        + "; temporary media ids expire after 3 days)");
            }
            throw new MediaFetchFailed("the media API answered " + detail.strip());
        }
    }

    /** A JSON error answer ({@code {"errcode": ...}}) instead of a file, or null. */
    private JsonNode errcode(byte[] b) {
        int i = 0;
        while (i < b.length && i < 16 && Character.isWhitespace(b[i])) {
            i++;
        }
        if (i >= b.length || b[i] != '{' || b.length > 65536) {
            return null;
        }
        try {
            JsonNode n = json.readTree(b);
            return n != null && n.has("errcode") && n.path("errcode").asInt() != 0 ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Result get(String url, long cap, Duration timeout) throws MediaFetchFailed {
        String shown = PlatformHttp.mask(url);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            return new Result.Refused("the download URL is not valid");
        }
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, info -> {
            boolean ok = info.statusCode() / 100 == 2;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            long limit = ok ? cap : 65536;
            return new CappedBody(limit, ok && declared > cap);
        });
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new MediaFetchFailed("no complete answer from " + shown + " within " + timeout);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new MediaFetchFailed("interrupted while downloading from " + shown);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof CappedBody.TooLarge) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof CappedBody.TooLarge) {
                return tooLarge();
            }
            Throwable first = e.getCause() == null ? e : e.getCause();
            throw new MediaFetchFailed(
                    "cannot download from " + shown + ": " + first.getClass().getSimpleName());
        }
        if (response.statusCode() / 100 != 2) {
            throw new MediaFetchFailed(shown + " answered HTTP " + response.statusCode());
        }
        return new Result.Fetched(response.body());
    }

    private Result tooLarge() {
        return new Result.Refused("larger than the " + config.maxBytes() + "-byte limit (tongxin.media.max-bytes)");
    }
}
