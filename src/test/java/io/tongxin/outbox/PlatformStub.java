package io.tongxin.outbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 standing in for WeChat, WeCom and a bridge: it records every
 * request and answers with scripted responses per path (then a default per path, then
 * {@code {"errcode":0,"errmsg":"ok"}}).
 */
final class PlatformStub implements AutoCloseable {

    /** One recorded request. */
    record Request(String method, String path, Map<String, String> query, String body, Map<String, String> headers) {}

    /** A scripted answer. */
    record Answer(int status, String body) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Answer> defaults = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    PlatformStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request to {@code path} gets this answer (queued in order). */
    PlatformStub then(String path, String body) {
        return then(path, 200, body);
    }

    PlatformStub then(String path, int status, String body) {
        scripted.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).add(new Answer(status, body));
        return this;
    }

    /** Every request to {@code path} without a scripted answer gets this one. */
    PlatformStub always(String path, String body) {
        defaults.put(path, new Answer(200, body));
        return this;
    }

    /**
     * Requests to {@code path} are recorded at once but answered only when {@code release} opens (or
     * after 30 s): a platform that is slow to answer.
     */
    PlatformStub hold(String path, CountDownLatch release) {
        holds.put(path, release);
        return this;
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        String path = ex.getRequestURI().getPath();
        requests.add(new Request(
                ex.getRequestMethod(), path, query(ex.getRequestURI().getRawQuery()), body, headers));
        CountDownLatch hold = holds.get(path);
        if (hold != null) {
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Deque<Answer> queue = scripted.get(path);
        Answer a = queue == null ? null : queue.poll();
        if (a == null) {
            a = defaults.getOrDefault(path, new Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
        }
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(a.status(), out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
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
