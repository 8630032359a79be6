package io.tongxin.outbox.senders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tongxin.outbox.OutboxConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Blocking JSON over HTTP for the senders (JDK {@link HttpClient} with connect and request
 * timeouts). Called only from dispatcher worker threads, never from the event loop. URLs are logged
 * and recorded with their query strings masked, since keys and access tokens travel there.
 */
@ApplicationScoped
public class PlatformHttp {

    private static final Pattern QUERY = Pattern.compile("\\?.*$");

    @Inject
    OutboxConfig config;

    @Inject
    ObjectMapper json;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** An HTTP answer: status and body. */
    public record Answer(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A failure to get any answer (connection refused, timeout...). */
    public static final class Unreachable extends Exception {

        private final String code;

        Unreachable(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }

        public SendResult asResult() {
            return SendResult.temporary(code, getMessage());
        }
    }

    public Answer get(String url) throws Unreachable {
        return exchange(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    }

    public Answer postJson(String url, Object body) throws Unreachable {
        return postJson(url, write(body), Map.of());
    }

    public Answer postJson(String url, String body, Map<String, String> headers) throws Unreachable {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return exchange(b, url);
    }

    /**
     * A multipart/form-data upload of one file in field {@code field} (the platforms' temporary-media
     * upload): {@code filename} must be plain ASCII (it goes into the part's header as it is).
     */
    public Answer postFile(String url, String field, String filename, String contentType, byte[] bytes)
            throws Unreachable {
        String boundary = "----tongxin" + java.util.UUID.randomUUID().toString().replace("-", "");
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"; filelength=" + bytes.length + "\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(bytes.length + 512);
        body.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(bytes);
        body.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return exchange(b, url);
    }

    private Answer exchange(HttpRequest.Builder b, String url) throws Unreachable {
        try {
            HttpResponse<String> r = client.send(
                    b.timeout(config.requestTimeout()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (HttpTimeoutException e) {
            throw new Unreachable("timeout", "no answer from " + mask(url) + " within the timeout");
        } catch (IOException e) {
            throw new Unreachable(
                    "io",
                    "cannot reach " + mask(url) + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null
                                    ? ""
                                    : " " + QUERY.matcher(e.getMessage()).replaceAll("?***")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", "interrupted while calling " + mask(url));
        }
    }

    public String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The body as JSON, or null when it is not JSON. */
    public JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Classifies a WeChat/WeCom JSON answer by its {@code errcode} (never by the HTTP status alone):
     * 0 is sent; a non-JSON or non-2xx answer is a temporary failure.
     */
    public SendResult errcodeResult(Answer a) {
        if (!a.ok()) {
            return a.status() == 429
                    ? SendResult.throttled("http-429", trim(a.body()))
                    : SendResult.temporary("http-" + a.status(), trim(a.body()));
        }
        JsonNode node = read(a.body());
        if (node == null || !node.has("errcode")) {
            return SendResult.temporary("bad-answer", "the platform answered without an errcode: " + trim(a.body()));
        }
        int errcode = node.get("errcode").asInt();
        if (errcode == 0) {
            return SendResult.sent(trim(a.body()));
        }
        return ErrorCodes.classify(errcode, trim(a.body()));
    }

    /** A URL with its query string hidden, for logs and recorded errors. */
    public static String mask(String url) {
        return url == null ? null : QUERY.matcher(url).replaceAll("?***");
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
