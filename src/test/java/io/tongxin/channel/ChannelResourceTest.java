package io.tongxin.channel;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.anonymous;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChannelResourceTest {

    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    static Map<String, Object> wecomApp(String key) {
        Map<String, Object> m = new HashMap<>();
        m.put("key", key);
        m.put("type", "wecom-app");
        m.put("name", "山丹县政协 企业微信");
        m.put("token", "QDG6eK");
        m.put("encodingAesKey", AES_KEY);
        m.put("corpId", "wx5823bf96d3bd56c7");
        m.put("agentId", 1000002);
        m.put("secret", "app-secret-value-1234");
        m.put("apiBaseUrl", "http://127.0.0.1:9/");
        return m;
    }

    @Test
    void shouldCreateReadAndNeverReturnSecrets() {
        String key = uniq("wecom");
        String body = admin().body(wecomApp(key))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/channels/" + key))
                .body("key", equalTo(key))
                .body("type", equalTo("wecom-app"))
                .body("tokenSet", equalTo(true))
                .body("encodingAesKeySet", equalTo(true))
                .body("secretSet", equalTo(true))
                .body("webhookPath", equalTo("/webhooks/" + key))
                .extract()
                .asString();
        assertSecretsAbsent(body);
        String read = admin().get("/api/channels/" + key)
                .then()
                .statusCode(200)
                .body("corpId", equalTo("wx5823bf96d3bd56c7"))
                .body("agentId", equalTo(1000002))
                .extract()
                .asString();
        assertSecretsAbsent(read);
        String list = admin().queryParam("type", "wecom-app")
                .queryParam("size", 500)
                .get("/api/channels")
                .then()
                .statusCode(200)
                .body("items.key", hasItem(key))
                .extract()
                .asString();
        assertSecretsAbsent(list);
    }

    @Test
    void shouldDefaultApiBaseUrlToThePlatformHost() {
        String key = uniq("mp");
        admin().body(Map.of("key", key, "type", "wechat-mp", "name", "公众号", "token", "tok123", "appId", "wxappid"))
                .post("/api/channels")
                .then()
                .statusCode(201)
                .body("apiBaseUrl", equalTo("https://api.weixin.qq.com"))
                .body("encodingAesKeySet", equalTo(false));
    }

    @Test
    void shouldKeepStoredSecretsWhenPutOmitsThem() {
        String key = uniq("bridge");
        Map<String, Object> b = new HashMap<>(Map.of(
                "key",
                key,
                "type",
                "bridge",
                "name",
                "桥接",
                "secret",
                "bridge-shared-secret-0001",
                "sendUrl",
                "http://127.0.0.1:9/send"));
        admin().body(b).post("/api/channels").then().statusCode(201);
        b.remove("secret");
        b.put("name", "桥接二");
        admin().body(b)
                .put("/api/channels/" + key)
                .then()
                .statusCode(200)
                .body("name", equalTo("桥接二"))
                .body("secretSet", equalTo(true));
    }

    @Test
    void shouldRejectInvalidChannelsWithFieldNames() {
        Map<String, Object> bad = wecomApp(uniq("bad"));
        bad.put("encodingAesKey", "short");
        bad.remove("corpId");
        admin().body(bad)
                .post("/api/channels")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem("encodingAesKey"));

        Map<String, Object> noCorp = wecomApp(uniq("bad"));
        noCorp.remove("corpId");
        noCorp.put("appId", "wx1");
        admin().body(noCorp)
                .post("/api/channels")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("corpId"))
                .body("violations.field", hasItem("appId"))
                .body("detail", containsString("corpId"));

        admin().body(Map.of(
                        "key",
                        uniq("b"),
                        "type",
                        "bridge",
                        "name",
                        "x",
                        "secret",
                        "0123456789abcdef",
                        "sendUrl",
                        "ftp://example/"))
                .post("/api/channels")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("sendUrl"));

        admin().body(Map.of("key", "Bad Key!", "type", "nope", "name", "x"))
                .post("/api/channels")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("type"));

        admin().body("{not json")
                .post("/api/channels")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void shouldAnswer409OnDuplicateAnd404OnUnknown() {
        String key = uniq("dup");
        admin().body(wecomApp(key)).post("/api/channels").then().statusCode(201);
        admin().body(wecomApp(key))
                .post("/api/channels")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(key));
        admin().get("/api/channels/does-not-exist")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Found"));
        admin().delete("/api/channels/" + key).then().statusCode(204);
        admin().get("/api/channels/" + key).then().statusCode(404);
    }

    @Test
    void shouldRequireAdminForWrites() {
        anonymous()
                .get("/api/channels")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json");
        String organizer = Api.mint("organizer", null);
        Api.as(organizer).get("/api/channels").then().statusCode(200);
        Api.as(organizer)
                .body(wecomApp(uniq("x")))
                .post("/api/channels")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("organizer"));
    }

    private static void assertSecretsAbsent(String json) {
        for (String secret : new String[] {"QDG6eK", AES_KEY, "app-secret-value-1234"}) {
            assertEquals(-1, json.indexOf(secret), "secret leaked in " + json);
        }
    }
}
