package io.tongxin.shared;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What a prober sends to break the service: control characters, paging at the integer edge, absurd
 * timestamps, oversize lines and headers. Each gets a 4xx problem+json naming the problem; nothing
 * gets a 500, an empty body, a forged log line or a lost platform message.
 */
@QuarkusTest
class HostileInputTest {

    /** The application clock: other tests move it, and the skew check uses it, so requests are signed by it. */
    @Inject
    Clock clock;

    private String now() {
        return Long.toString(clock.instant().getEpochSecond());
    }

    private static final List<String> LISTS = List.of(
            "/api/channels",
            "/api/members",
            "/api/sectors",
            "/api/tokens",
            "/api/inbox",
            "/api/outbox",
            "/api/opinions",
            "/api/residents");

    // --- paging (finding 6) ---

    @Test
    void shouldRefuseAPageBeyondTheLastPossibleOneOnEveryList() {
        for (String list : LISTS) {
            admin().queryParam("page", 2147483647)
                    .queryParam("size", 500)
                    .get(list)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("page"));
        }
    }

    @Test
    void shouldNameANonNumericOrOverflowingPagingParameter() {
        admin().queryParam("size", "abc")
                .get("/api/channels")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("size"))
                .body("detail", containsString("size"));
        admin().queryParam("page", "99999999999")
                .get("/api/members")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("page"));
        admin().queryParam("page", "-1")
                .queryParam("size", "0")
                .get("/api/members")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("page"))
                .body("violations.field", hasItem("size"));
    }

    @Test
    void shouldServeTheLastAllowedPage() {
        admin().queryParam("page", Paging.MAX_PAGE)
                .queryParam("size", 500)
                .get("/api/members")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void shouldAnswer400ForANonNumericQueryParameterElsewhere() {
        admin().queryParam("overdue", "maybe")
                .get("/api/opinions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("overdue"));
    }

    // --- control characters (finding 4) and log injection (finding 5) ---

    @Test
    void shouldRefuseControlCharactersInPathsAndFiltersWith400() {
        admin().urlEncodingEnabled(false)
                .get("/api/channels/a%00b")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("control character"))
                .body(not(containsString("Exception")));
        admin().urlEncodingEnabled(false)
                .get("/api/members?q=%00")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'q'"))
                .body("detail", containsString("control character"));
    }

    @Test
    void shouldRefuseControlCharactersInJsonStringsWith400() {
        admin().body("{\"key\":\"nul-" + System.nanoTime() + "\",\"type\":\"bridge\",\"name\":\"a\\u0000b\","
                        + "\"secret\":\"bridge-shared-secret-0001\",\"sendUrl\":\"http://127.0.0.1:9/send\"}")
                .post("/api/channels")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("name"))
                .body("detail", containsString("control character"));
        // line breaks and tabs are ordinary text
        String key = Api.uniq("tab");
        admin().body(Map.of(
                        "key",
                        key,
                        "type",
                        "bridge",
                        "name",
                        "第一行\n第二行\t!",
                        "secret",
                        "bridge-shared-secret-0001",
                        "sendUrl",
                        "http://127.0.0.1:9/send"))
                .post("/api/channels")
                .then()
                .statusCode(201);
        admin().delete("/api/channels/" + key).then().statusCode(204);
    }

    @Test
    void shouldStoreASignedBridgeMessageWithControlCharactersRemoved() {
        String key = Webhooks.bridgeChannel();
        String json = "{\"messageId\":\"nul-1\",\"chat\":null,\"sender\":{\"id\":\"wxid_nul\",\"name\":\"王\\u0000阿姨\"},"
                + "\"text\":\"南门\\u0000积水\\u001b[31m严重\\r\\n第二行\",\"mentions\":[],\"mentionsBot\":false,"
                + "\"timestamp\":" + Webhooks.now() + "}";
        Webhooks.bridgeRequest(json, now())
                .post("/webhooks/" + key)
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"));
        List<Map<String, Object>> rows = Webhooks.inbox(key);
        assertEquals(1, rows.size());
        assertEquals("南门积水[31m严重\r\n第二行", rows.get(0).get("text"));
        assertEquals("王阿姨", rows.get(0).get("senderName"));
        // a redelivery is the same message, not a second one and not an error
        Webhooks.bridgeRequest(json, now()).post("/webhooks/" + key).then().statusCode(200);
        assertEquals(1, Webhooks.inbox(key).size());
    }

    @Test
    void shouldNeverWriteAForgedLogLine() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String message = r.getMessage();
                if (r.getParameters() != null && r.getParameters().length > 0) {
                    message = message + " " + List.of(r.getParameters());
                }
                logged.add(message);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            RestAssured.given()
                    .urlEncodingEnabled(false)
                    .get("/webhooks/x%00%0A2026-12-01%2000:00:00,000%20INFO%20%20%5Bio.tongxin%5D%20FORGED-LOG-LINE")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
            RestAssured.given()
                    .urlEncodingEnabled(false)
                    .get("/webhooks/x%0D%0AFORGED-LOG-LINE%1B%5B2J")
                    .then()
                    .statusCode(400);
        } finally {
            root.removeHandler(capture);
        }
        for (String line : logged) {
            assertFalse(line.contains("\nFORGED") || line.contains("\n2026-12-01") || line.contains("\u001b"), line);
        }
    }

    // --- timestamps (finding 7) ---

    @Test
    void shouldRefuseOutOfRangeTimestampsWith4xx() {
        String key = Webhooks.bridgeChannel();
        for (String ts : List.of("-9000000000000000000", "9000000000000000000", "-9223372036854775808")) {
            String json = "{\"messageId\":\"ts-" + ts + "\",\"chat\":null,\"sender\":{\"id\":\"wxid_ts\"},"
                    + "\"text\":\"时间\",\"timestamp\":" + ts + "}";
            Webhooks.bridgeRequest(json, now())
                    .post("/webhooks/" + key)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("timestamp"));
            Webhooks.bridgeRequest(Webhooks.bridgeMessage("头部时间", null), ts)
                    .post("/webhooks/" + key)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("detail", containsString("clock skew"));
        }
        String mp = Webhooks.mpChannel(false);
        Webhooks.postMpPlain(mp, Webhooks.textXml("你好", 1).getBytes(StandardCharsets.UTF_8), "-9223372036854775808")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        String xml = Webhooks.textXml("你好", 2).replaceFirst("<CreateTime>\\d+", "<CreateTime>9223372036854775807");
        Webhooks.postMpPlain(mp, xml.getBytes(StandardCharsets.UTF_8), now())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("CreateTime"));
        assertEquals(0, Webhooks.inbox(key).size());
    }

    // --- Vert.x-level errors (finding 10) ---

    @Test
    void shouldAnswerAnOversizeUriWithProblemJson() throws Exception {
        String answer = raw("GET /api/channels?q=" + "x".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 414"), answer);
        assertProblem(answer, 414);
    }

    @Test
    void shouldAnswerOversizeHeadersWithProblemJson() throws Exception {
        String answer = raw("GET /api/channels HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(30000)
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertProblem(answer, 431);
    }

    @Test
    void shouldAnswerAnOversizeApiBodyWithProblemJson() {
        admin().body("{\"name\":\"" + "z".repeat(1_100_000) + "\"}")
                .post("/api/channels")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void shouldAnswerABadPercentEscapeWithProblemJson() throws Exception {
        for (String target : List.of("/api/channels/%zz", "/api/channels?q=%", "/webhooks/%E4%B8")) {
            String answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + Api.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), target + " -> " + answer);
            assertProblem(answer, 400);
        }
    }

    private static void assertProblem(String answer, int status) {
        String lower = answer.toLowerCase();
        assertTrue(lower.contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"status\":" + status), answer);
    }

    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    answer.write(buf, 0, n);
                }
            } catch (java.net.SocketException e) {
                // the server may reset after answering an oversize request
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
