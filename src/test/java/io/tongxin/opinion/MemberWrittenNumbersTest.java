package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongxin.outbox.OutboxDispatcher;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Masking follows who wrote the text: residents' numbers and residents' text are masked; what a
 * member writes for the resident (a resolution with a service number) reaches the resident as
 * written, except any resident's own number in it. Checked on what a real bridge endpoint (a local
 * HTTP server) receives, and in the API.
 */
@QuarkusTest
class MemberWrittenNumbersTest {

    @Inject
    Fixture fixture;

    @Inject
    OpinionService opinions;

    @Inject
    OutboxDispatcher dispatcher;

    private HttpServer bridge;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBridge() throws IOException {
        bridge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 20);
        bridge.createContext("/send", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(ok);
            }
        });
        bridge.start();
    }

    @AfterEach
    void stopBridge() {
        bridge.stop(0);
    }

    @Test
    void shouldSendTheResidentTheServiceNumberAMemberWroteButMaskTheResidentsOwnNumbers() {
        var w = fixture.world();
        String live = Api.uniq("live");
        admin().body(Map.of(
                        "key",
                        live,
                        "type",
                        "bridge",
                        "name",
                        "居民群桥接",
                        "secret",
                        "bridge-shared-secret-0001",
                        "sendUrl",
                        "http://127.0.0.1:" + bridge.getAddress().getPort() + "/send",
                        "dryRun",
                        false))
                .post("/api/channels")
                .then()
                .statusCode(201);
        String chat = Api.uniq("residents") + "@chatroom";
        admin().body(Map.of(
                        "code",
                        Api.uniq("grp"),
                        "channelKey",
                        live,
                        "chatId",
                        chat,
                        "name",
                        "居民群",
                        "communityCode",
                        w.community))
                .post("/api/groups")
                .then()
                .statusCode(201);
        String m = Api.uniq("m");
        fixture.member(w, m, w.sector, w.workstation, Set.of(w.community), 5, null);
        String resident = Api.uniq("r");
        String userId = "wx-" + resident;
        fixture.resident(w, resident, userId, "王阿姨", "13700001111");
        String number = opinions.create(
                        new NewOpinion(
                                w.keyword + "漏水，请回电 13812345678",
                                w.community,
                                null,
                                resident,
                                null,
                                new NewOpinion.SourceMessage(live, chat, userId, "王阿姨", null)),
                        Actor.system())
                .number();
        String token = Api.mint("member", m);
        Api.as(token)
                .body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        String summary = "已联系物业，报修电话 13912345678（24 小时）；已按您留的 138 1234 5678 和 13700001111 回电";
        Api.as(token)
                .body(Map.of("note", summary))
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(200);

        dispatcher.drain();
        List<String> resolved = received.stream().filter(b -> b.contains("1-5")).toList();
        assertEquals(1, resolved.size(), received.toString());
        String sent = resolved.get(0);
        assertTrue(sent.contains("报修电话 13912345678"), "the service number reaches the resident: " + sent);
        assertTrue(sent.contains("138****5678") && sent.contains("137****1111"), sent);
        assertFalse(
                sent.contains("13812345678") || sent.contains("138 1234 5678") || sent.contains("13700001111"), sent);

        JsonPath view = Api.as(token)
                .get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(view.getString("resolution").contains("报修电话 13912345678"), view.getString("resolution"));
        assertFalse(view.getString("resolution").contains("13812345678"), view.getString("resolution"));
        assertTrue(view.getString("text").contains("138****5678"), view.getString("text"));
        List<String> resolvedNotes = view.getList("history.findAll { it.type == 'resolved' }.note");
        assertTrue(
                resolvedNotes.get(0).contains("13912345678")
                        && resolvedNotes.get(0).contains("137****1111"),
                resolvedNotes.toString());
    }
}
