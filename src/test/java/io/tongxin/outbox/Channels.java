package io.tongxin.outbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;

import java.util.HashMap;
import java.util.Map;

/** Creates channels through the admin API, pointed at a local stub. */
final class Channels {

    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String BRIDGE_SECRET = "bridge-shared-secret-0001";

    private Channels() {}

    static String wecomBot(String apiBaseUrl) {
        return create(
                Map.of(
                        "type",
                        "wecom-bot",
                        "name",
                        "智能机器人",
                        "token",
                        "QDG6eK",
                        "encodingAesKey",
                        AES_KEY,
                        "apiBaseUrl",
                        apiBaseUrl),
                "bot");
    }

    static String wecomApp(String apiBaseUrl) {
        return create(
                Map.of(
                        "type",
                        "wecom-app",
                        "name",
                        "山丹县政协 企业微信",
                        "token",
                        "QDG6eK",
                        "encodingAesKey",
                        AES_KEY,
                        "corpId",
                        "wwcorp0001",
                        "agentId",
                        1000002,
                        "secret",
                        "app-secret-value-1234",
                        "apiBaseUrl",
                        apiBaseUrl),
                "app");
    }

    static String wechatMp(String apiBaseUrl) {
        return create(
                Map.of(
                        "type",
                        "wechat-mp",
                        "name",
                        "公众号",
                        "token",
                        "tok123",
                        "appId",
                        "wxappid0001",
                        "appSecret",
                        "mp-app-secret-5678",
                        "apiBaseUrl",
                        apiBaseUrl),
                "mp");
    }

    static String bridge(String sendUrl) {
        return create(Map.of("type", "bridge", "name", "桥接", "secret", BRIDGE_SECRET, "sendUrl", sendUrl), "bridge");
    }

    static String dryRunBridge(String sendUrl) {
        return create(
                Map.of("type", "bridge", "name", "演示", "secret", BRIDGE_SECRET, "sendUrl", sendUrl, "dryRun", true),
                "demo");
    }

    private static String create(Map<String, Object> fields, String prefix) {
        String key = uniq(prefix);
        Map<String, Object> body = new HashMap<>(fields);
        body.put("key", key);
        admin().body(body).post("/api/channels").then().statusCode(201);
        return key;
    }
}
