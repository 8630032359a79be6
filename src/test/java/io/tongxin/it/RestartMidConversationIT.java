package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A resident is halfway through the guided report flow in a direct chat when the instance is killed
 * ({@code kill -9}); another instance, started afresh on the same database, goes on with the same
 * conversation from the step it had reached (the state is in {@code bot_conversation}, nothing in
 * memory), and the concern is filed once.
 */
class RestartMidConversationIT {

    static final String SECRET = "it-bridge-secret-000003";

    final Instances instances = new Instances();

    @AfterEach
    void stopAll() {
        instances.close();
    }

    @Test
    void shouldGoOnWithAConversationAfterTheInstanceWasKilled() throws Exception {
        Instances.Instance a = instances.start("restart-a", true, Map.of());
        String channel = "it-restart-" + System.currentTimeMillis();
        a.api()
                .body(Map.of(
                        "key",
                        channel,
                        "type",
                        "bridge",
                        "name",
                        "重启测试",
                        "secret",
                        SECRET,
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        a.api()
                .body(Map.of("code", "it-ws", "name", "临夏路街道政协委员工作站"))
                .post("/api/workstations")
                .then()
                .statusCode(201);
        a.api()
                .body(Map.of(
                        "code", "it-com", "name", "静安门社区", "councilName", "静安门社区协商议事会", "workstationCode", "it-ws"))
                .post("/api/communities")
                .then()
                .statusCode(201);
        String resident = "wxid_it_restart";

        String asked = BridgeClient.direct(a, channel, SECRET, resident, "小区南门的排水沟堵了，下雨天积水很深，老人出门很不方便");
        assertTrue(asked.contains("静安门社区"), "the flow asks for the community: " + asked);
        String phone = BridgeClient.direct(a, channel, SECRET, resident, "1");
        assertTrue(phone.contains("跳过"), "then for an optional phone: " + phone);
        assertEquals(1, Instances.number("select count(*) from bot_conversation where user_id = ?", resident));

        a.process().destroyForcibly().waitFor(); // kill -9 between two answers

        Instances.Instance b = instances.start("restart-b", false, Map.of());
        String confirm = BridgeClient.direct(b, channel, SECRET, resident, "跳过");
        assertTrue(
                confirm.contains("静安门社区") && confirm.contains("1"),
                "the confirmation, with the chosen community: " + confirm);
        String filed = BridgeClient.direct(b, channel, SECRET, resident, "1");
        assertTrue(filed.matches("(?s).*\\d{4}-\\d{6}.*"), "filed with its number: " + filed);

        assertEquals(1, Instances.number("select count(*) from opinion where community_code = ?", "it-com"));
        assertEquals(0, Instances.number("select count(*) from bot_conversation where user_id = ?", resident));
    }
}
