package io.tongxin.media;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 standing in for the platforms' media endpoints (WeChat and WeCom
 * {@code media/get} and {@code media/upload}, their token and send endpoints, a robot's image URL, a
 * bridge's file server and send endpoint): scripted byte answers per path (queued, then a default),
 * every request recorded with its body as bytes.
 */
final class MediaStub implements AutoCloseable {

    record Request(String method, String path, Map<String, String> query, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * The file of a multipart/form-data upload in field {@code field}: the bytes between the part's
         * headers and the next boundary, exactly as sent.
         */
        byte[] file(String field) {
            String boundary = "--" + contentType.replaceFirst("^.*boundary=", "");
            String latin = new String(body, StandardCharsets.ISO_8859_1);
            int part = latin.indexOf("name=\"" + field + "\"");
            if (part < 0) {
                throw new AssertionError(
                        "no multipart field " + field + " in " + latin.substring(0, Math.min(300, latin.length())));
            }
            int start = latin.indexOf("\r\n\r\n", part) + 4;
            int end = latin.indexOf("\r\n" + boundary, start);
            return java.util.Arrays.copyOfRange(body, start, end);
        }

        /** The headers of a multipart part in field {@code field}, as one string. */
        String partHeaders(String field) {
            String latin = new String(body, StandardCharsets.ISO_8859_1);
            int part = latin.lastIndexOf("Content-Disposition", latin.indexOf("name=\"" + field + "\""));
            return latin.substring(part, latin.indexOf("\r\n\r\n", part));
        }
    }

    /**
     * An answer; {@code chunked}: no Content-Length, the body streamed in pieces; {@code delayMs}: how
     * long the server waits before answering (a slow platform).
     */
    record Answer(int status, String contentType, byte[] body, boolean chunked, long delayMs) {

        Answer(int status, String contentType, byte[] body, boolean chunked) {
            this(status, contentType, body, chunked, 0);
        }

        Answer after(long ms) {
            return new Answer(status, contentType, body, chunked, ms);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Answer> defaults = new ConcurrentHashMap<>();

    MediaStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    MediaStub then(String path, Answer a) {
        scripted.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).add(a);
        return this;
    }

    MediaStub always(String path, Answer a) {
        defaults.put(path, a);
        return this;
    }

    static Answer bytes(String contentType, byte[] body) {
        return new Answer(200, contentType, body, false);
    }

    static Answer json(String body) {
        return new Answer(200, "application/json", body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Every request, in the order they arrived. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        requests.add(new Request(
                ex.getRequestMethod(),
                path,
                query(ex.getRequestURI().getRawQuery()),
                ex.getRequestHeaders().getFirst("Content-Type"),
                body));
        Deque<Answer> queue = scripted.get(path);
        Answer a = queue == null ? null : queue.poll();
        if (a == null) {
            a = defaults.getOrDefault(
                    path, new Answer(404, "text/plain", "no such file".getBytes(StandardCharsets.UTF_8), false));
        }
        if (a.delayMs() > 0) {
            try {
                Thread.sleep(a.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ex.getResponseHeaders().add("Content-Type", a.contentType());
        try (OutputStream os = ex.getResponseBody()) {
            if (a.chunked()) {
                ex.sendResponseHeaders(a.status(), 0);
                for (int i = 0; i < a.body().length; i += 65536) {
                    os.write(a.body(), i, Math.min(65536, a.body().length - i));
                    os.flush();
                }
            } else {
                ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
                os.write(a.body());
            }
        } catch (IOException e) {
            // the client gave up (e.g. over the size cap): expected
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
