package io.tongxin.shared;

import static io.restassured.RestAssured.given;
import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tongxin.support.Api;
import io.tongxin.support.Hostile;
import io.tongxin.support.Webhooks;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile values (jqwik's generators, fixed seed) in every string and code field of the
 * admin API's create and replace endpoints, in paging parameters and in date and duration fields: the
 * answer is a 2xx or a 4xx problem+json naming the field, never a 5xx; a refused request changes
 * nothing (the list's total, and the record read back, are what they were); and the values that
 * must be refused are: control characters, codes with spaces or other characters outside the code
 * alphabet, strings past their documented length, unparseable dates and durations, and paging
 * outside 0..100000 / 1..500.
 */
@QuarkusTest
class ApiInputPropertyTest {

    static final long SEED = 20_261_017L;
    static final int PER_FIELD = 6;

    private static final Pattern DIRECTORY_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern CHANNEL_KEY = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    enum Kind {
        CODE,
        KEY,
        TEXT,
        REQUIRED_TEXT,
        INSTANT,
        DURATION
    }

    record Field(String name, Kind kind, int max) {}

    /** One writable resource: its list, a valid body for a code, the fields drawn into, and who it needs. */
    record Endpoint(String path, String codeField, Supplier<Map<String, Object>> valid, List<Field> fields) {}

    private Hostile h;

    @BeforeEach
    void seed() {
        h = new Hostile(SEED);
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper ESCAPED =
            JsonMapper.builder().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII).build();

    private List<Endpoint> endpoints() {
        String sector = code("sec");
        post("/api/sectors", Map.of("code", sector, "name", "农业界"));
        String ws = code("ws");
        post("/api/workstations", Map.of("code", ws, "name", "工作站"));
        String community = code("com");
        post(
                "/api/communities",
                Map.of("code", community, "name", "社区", "councilName", "协商议事会", "workstationCode", ws));
        String channel = Webhooks.bridgeChannel();
        String member = code("mem");
        post("/api/members", member(member, sector));
        List<Endpoint> list = new ArrayList<>();
        list.add(new Endpoint(
                "/api/sectors",
                "code",
                () -> map("code", code("sec"), "name", "农业界", "description", "说明"),
                List.of(
                        new Field("code", Kind.CODE, 64),
                        new Field("name", Kind.REQUIRED_TEXT, 200),
                        new Field("description", Kind.TEXT, 1000))));
        list.add(new Endpoint(
                "/api/workstations",
                "code",
                () -> map("code", code("ws"), "name", "工作站", "district", "城关区"),
                List.of(
                        new Field("code", Kind.CODE, 64),
                        new Field("name", Kind.REQUIRED_TEXT, 200),
                        new Field("district", Kind.TEXT, 200))));
        list.add(new Endpoint(
                "/api/communities",
                "code",
                () -> map(
                        "code",
                        code("com"),
                        "name",
                        "静安门社区",
                        "councilName",
                        "协商议事会",
                        "councilHead",
                        "王主任",
                        "workstationCode",
                        ws),
                List.of(
                        new Field("code", Kind.CODE, 64),
                        new Field("name", Kind.REQUIRED_TEXT, 200),
                        new Field("councilName", Kind.REQUIRED_TEXT, 200),
                        new Field("councilHead", Kind.TEXT, 100),
                        new Field("workstationCode", Kind.REQUIRED_TEXT, 64))));
        list.add(new Endpoint(
                "/api/members",
                "code",
                () -> member(code("mem"), sector),
                List.of(
                        new Field("code", Kind.CODE, 64),
                        new Field("name", Kind.REQUIRED_TEXT, 100),
                        new Field("level", Kind.REQUIRED_TEXT, 64),
                        new Field("sectorCode", Kind.TEXT, 64))));
        list.add(new Endpoint(
                "/api/groups",
                "code",
                () -> map(
                        "code",
                        code("grp"),
                        "channelKey",
                        channel,
                        "chatId",
                        code("chat") + "@chatroom",
                        "name",
                        "居民群",
                        "communityCode",
                        community),
                List.of(
                        new Field("code", Kind.CODE, 64),
                        new Field("chatId", Kind.REQUIRED_TEXT, 128),
                        new Field("name", Kind.REQUIRED_TEXT, 200),
                        new Field("communityCode", Kind.TEXT, 64))));
        list.add(new Endpoint(
                "/api/residents",
                "code",
                () -> map(
                        "code",
                        code("res"),
                        "channelKey",
                        channel,
                        "userId",
                        code("wxid"),
                        "displayName",
                        "王阿姨",
                        "phone",
                        "13800000000"),
                List.of(
                        new Field("code", Kind.CODE, 64),
                        new Field("userId", Kind.TEXT, 128),
                        new Field("displayName", Kind.TEXT, 100),
                        new Field("phone", Kind.TEXT, 32))));
        list.add(new Endpoint(
                "/api/pairings",
                "code",
                () -> map("code", code("pair"), "memberCode", member, "household", "3号楼2单元"),
                List.of(
                        new Field("code", Kind.CODE, 64),
                        new Field("memberCode", Kind.REQUIRED_TEXT, 64),
                        new Field("household", Kind.TEXT, 200))));
        list.add(new Endpoint(
                "/api/channels",
                "key",
                () -> map(
                        "key",
                        code("ch").toLowerCase(),
                        "type",
                        "bridge",
                        "name",
                        "桥接",
                        "secret",
                        "bridge-shared-secret-0001",
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "language",
                        "zh-CN"),
                List.of(
                        new Field("key", Kind.KEY, 64),
                        new Field("name", Kind.REQUIRED_TEXT, 200),
                        new Field("secret", Kind.TEXT, 256),
                        new Field("sendUrl", Kind.TEXT, 1000),
                        new Field("language", Kind.TEXT, 5))));
        list.add(new Endpoint(
                "/api/events",
                "code",
                () -> {
                    Instant start = Instant.now().plus(Duration.ofDays(3));
                    Map<String, Object> e = map(
                            "code",
                            code("ev"),
                            "kind",
                            "class",
                            "title",
                            "街舞公益课堂",
                            "venue",
                            "活动室",
                            "description",
                            "说明",
                            "capacity",
                            20,
                            "audience",
                            Map.of("communityCodes", List.of(community)));
                    e.put(
                            "sessions",
                            List.of(Map.of(
                                    "startsAt",
                                    start.toString(),
                                    "endsAt",
                                    start.plus(Duration.ofHours(2)).toString())));
                    return e;
                },
                List.of(
                        new Field("code", Kind.CODE, 64),
                        new Field("title", Kind.REQUIRED_TEXT, 200),
                        new Field("venue", Kind.TEXT, 200),
                        new Field("opensAt", Kind.INSTANT, 0),
                        new Field("reminderOffsets", Kind.DURATION, 0))));
        return list;
    }

    @Test
    void shouldAnswerEveryHostileFieldValueWith2xxOrAProblemNamingTheFieldAndChangeNothingWhenRefused()
            throws Exception {
        int requests = 0;
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (Endpoint ep : endpoints()) {
            // a record to replace (PUT) with hostile values
            Map<String, Object> existing = ep.valid().get();
            String existingCode = (String) existing.get(ep.codeField());
            post(ep.path(), existing);
            String before = read(ep.path() + "/" + existingCode);
            for (Field f : ep.fields()) {
                for (int i = 0; i < PER_FIELD; i++) {
                    Object value = value(f);
                    // create
                    Map<String, Object> body = ep.valid().get();
                    body.put(f.name(), value);
                    long total = total(ep.path());
                    Response r = send("POST", ep.path(), body);
                    requests++;
                    statuses.merge(Integer.toString(r.statusCode()), 1, Integer::sum);
                    check(ep, f, value, r, "POST " + ep.path());
                    if (r.statusCode() >= 400) {
                        assertEquals(
                                total, total(ep.path()), "a refused create adds nothing: " + f + "=" + show(value));
                    }
                    // replace, unless it is the code itself
                    if (f.name().equals(ep.codeField())) {
                        continue;
                    }
                    Map<String, Object> replacement = new HashMap<>(existing);
                    replacement.put(f.name(), value);
                    Response u = send("PUT", ep.path() + "/" + existingCode, replacement);
                    requests++;
                    statuses.merge(Integer.toString(u.statusCode()), 1, Integer::sum);
                    check(ep, f, value, u, "PUT " + ep.path());
                    if (u.statusCode() >= 400) {
                        assertEquals(
                                before,
                                read(ep.path() + "/" + existingCode),
                                "a refused replace changes nothing: " + f + "=" + show(value));
                    } else {
                        // put it back, so the next refusal is compared with the original
                        assertTrue(send("PUT", ep.path() + "/" + existingCode, existing)
                                        .statusCode()
                                < 300);
                        before = read(ep.path() + "/" + existingCode);
                    }
                }
            }
        }
        assertTrue(statuses.containsKey("400") && statuses.keySet().stream().anyMatch(s -> s.startsWith("2")));
        System.out.println("ApiInputPropertyTest fields: " + requests + " requests, statuses " + statuses);
    }

    @Test
    void shouldAnswerHostilePagingOnEveryListWith200OrA400NamingPageOrSize() {
        List<String> lists = List.of(
                "/api/channels",
                "/api/sectors",
                "/api/workstations",
                "/api/communities",
                "/api/members",
                "/api/groups",
                "/api/residents",
                "/api/pairings",
                "/api/events",
                "/api/opinions",
                "/api/inbox",
                "/api/outbox",
                "/api/tokens");
        int requests = 0;
        for (String list : lists) {
            for (int i = 0; i < 12; i++) {
                String name = h.chance(50) ? "page" : "size";
                String value = h.chance(60) ? h.pick(Hostile.EDGE_NUMBERS) : number();
                Response r =
                        admin().urlEncodingEnabled(true).queryParam(name, value).get(list);
                requests++;
                Boolean valid = pagingValid(name, value);
                String what = list + "?" + name + "=" + show(value) + ": " + r.statusCode() + " " + r.asString();
                if (r.statusCode() == 200) {
                    assertTrue(valid == null || valid, "an out-of-range " + what);
                    assertTrue(r.jsonPath().getInt("items.size()") <= (name.equals("size") ? Paging.MAX_SIZE : 50));
                } else {
                    assertEquals(400, r.statusCode(), what);
                    assertTrue(valid == null || !valid, "a valid value refused: " + what);
                    problemNaming(r, name, what);
                }
            }
        }
        System.out.println("ApiInputPropertyTest paging: " + requests + " requests");
    }

    @Test
    void shouldAnswerHostileDateFiltersWith200OrA400NamingTheParameter() {
        for (int i = 0; i < 40; i++) {
            String name = h.chance(50) ? "from" : "to";
            String value = dateText();
            Response r = admin().queryParam(name, value).get("/api/opinions");
            String what = "/api/opinions?" + name + "=" + show(value) + ": " + r.statusCode() + " " + r.asString();
            if (r.statusCode() != 200) {
                assertEquals(400, r.statusCode(), what);
                problemNaming(r, name, what);
            } else {
                assertTrue(
                        value.isBlank()
                                || parses(() -> Instant.parse(value.strip()))
                                || parses(() -> LocalDate.parse(value.strip())),
                        "an unparseable date accepted: " + what);
            }
        }
    }

    // --- checks ---

    private void check(Endpoint ep, Field f, Object value, Response r, String call) {
        String what = call + " " + f.name() + "=" + show(value) + ": " + r.statusCode() + " " + r.asString();
        int s = r.statusCode();
        assertTrue((s >= 200 && s < 300) || (s >= 400 && s < 500), what);
        if (s >= 400) {
            assertTrue(
                    String.valueOf(r.contentType()).startsWith("application/problem+json"), "a problem+json: " + what);
            if (s == 409
                    && value instanceof String v
                    && r.jsonPath().getString("detail").contains(v.strip())) {
                return; // a clash with a record that already holds this value (an earlier draw), named by the value
            }
            problemNaming(r, f.name(), what);
        } else if (mustRefuse(f, value)) {
            fail("must be refused: " + what);
        }
    }

    private static void problemNaming(Response r, String field, String what) {
        List<String> fields = r.jsonPath().getList("violations.field");
        String detail = r.jsonPath().getString("detail");
        boolean named = (fields != null && fields.stream().anyMatch(x -> x != null && x.startsWith(field)))
                || (detail != null && detail.contains(field));
        assertTrue(named, "the problem names '" + field + "': " + what);
    }

    /** Values the service must refuse whatever else it allows. */
    private static boolean mustRefuse(Field f, Object value) {
        if (!(value instanceof String s)) {
            if (value instanceof List<?> l && f.kind() == Kind.DURATION) {
                return l.stream().anyMatch(x -> !(x instanceof String d) || !parses(() -> Duration.parse(d.strip())));
            }
            return false;
        }
        if (s.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
            return true;
        }
        return switch (f.kind()) {
            case CODE -> !DIRECTORY_CODE.matcher(s).matches() || s.length() > f.max();
            case KEY -> !CHANNEL_KEY.matcher(s).matches() || s.length() > f.max();
            case REQUIRED_TEXT -> s.isBlank() || s.length() > f.max();
            case TEXT -> s.length() > f.max();
            case INSTANT -> !parses(() -> Instant.parse(s));
            case DURATION -> true; // a single string where a list belongs
        };
    }

    private static Boolean pagingValid(String name, String value) {
        String v = value.strip();
        if (!v.matches("[+-]?[0-9]+")) {
            return v.codePoints().anyMatch(Character::isDigit)
                            && v.codePoints().allMatch(c -> Character.isDigit(c) || c == '-' || c == '+')
                    ? null // other scripts' digits: Long.parseLong takes them; either answer is fine
                    : Boolean.FALSE;
        }
        BigInteger n = new BigInteger(v);
        return name.equals("page")
                ? n.signum() >= 0 && n.compareTo(BigInteger.valueOf(Paging.MAX_PAGE)) <= 0
                : n.signum() > 0 && n.compareTo(BigInteger.valueOf(Paging.MAX_SIZE)) <= 0;
    }

    private static boolean parses(Runnable r) {
        try {
            r.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    // --- values ---

    private Object value(Field f) {
        return switch (f.kind()) {
            case INSTANT -> h.chance(20) ? h.draw(net.jqwik.api.Arbitraries.longs()) : dateText();
            case DURATION ->
                h.chance(20)
                        ? h.text(20)
                        : new ArrayList<>(List.of(h.pick(List.of(
                                "P1D",
                                "PT2H",
                                "PT-1H",
                                "P99999999D",
                                "PT9223372036854775807S",
                                "2 hours",
                                "",
                                "P",
                                "PT",
                                "1h",
                                h.text(30)))));
            default -> {
                if (h.chance(15)) {
                    // over-long by one, or far over
                    yield "x".repeat(f.max() + (h.chance(50) ? 1 : 10_000));
                }
                if (h.chance(15) && (f.kind() == Kind.CODE || f.kind() == Kind.KEY)) {
                    yield h.pick(List.of("a b", " ab", "ab ", "a\tb", "a\u0000b", "a😀b", "代码", "a/b", "-ab", "a..b"));
                }
                yield h.text(80);
            }
        };
    }

    private String dateText() {
        return h.chance(30)
                ? h.pick(List.of(
                        "2026-02-30",
                        "2026-13-01",
                        "2026-01-01T25:00:00Z",
                        "+999999999-12-31T23:59:59Z",
                        "-999999999-01-01T00:00:00Z",
                        "9999-12-31",
                        "0000-01-01",
                        "2026-05-01T00:00:00",
                        "2026-05-01T00:00:00+08:00",
                        "1714521600",
                        "2026-05-01T00:00:00Z",
                        "2026-05-01"))
                : h.text(30);
    }

    private String number() {
        return switch (h.between(0, 2)) {
            case 0 -> Integer.toString(h.draw(net.jqwik.api.Arbitraries.integers()));
            case 1 -> Long.toString(h.draw(net.jqwik.api.Arbitraries.longs()));
            default -> h.text(12);
        };
    }

    // --- HTTP ---

    private Response send(String method, String path, Map<String, Object> body) throws Exception {
        byte[] json = (h.chance(50) ? ESCAPED : JSON).writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        var spec = admin().body(json);
        return method.equals("POST") ? spec.post(path) : spec.put(path);
    }

    private static void post(String path, Map<String, Object> body) {
        admin().body(body).post(path).then().statusCode(201);
    }

    private static long total(String path) {
        return admin().queryParam("size", 1)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("total");
    }

    private static String read(String path) {
        Response r = admin().get(path);
        assertEquals(200, r.statusCode(), path + " " + r.asString());
        return r.asString();
    }

    private static String code(String prefix) {
        return Api.uniq(prefix);
    }

    private static Map<String, Object> member(String code, String sector) {
        return map(
                "code",
                code,
                "name",
                "杨小龙",
                "level",
                "county",
                "sectorCode",
                sector,
                "communityCodes",
                List.of(),
                "identities",
                List.of());
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String show(Object v) {
        String s = String.valueOf(v);
        s = s.length() > 60 ? s.substring(0, 60) + "…(" + s.length() + " chars)" : s;
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    @SuppressWarnings("unused")
    private static void unused() {
        given();
    }
}
