package io.tongxin.shared;

import static io.tongxin.shared.ApiInputValues.mustRefuse;
import static io.tongxin.shared.ApiInputValues.parses;
import static io.tongxin.shared.ApiInputValues.show;
import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tongxin.shared.ApiInputRows.Row;
import io.tongxin.shared.ApiInputRows.Target;
import io.tongxin.shared.ApiInputValues.Field;
import io.tongxin.support.Hostile;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile values (jqwik's generators, fixed seed) in every field of every write endpoint
 * of the API ({@link ApiInputRows}: create and replace of the directory, channels and events, the
 * keyword dictionary, tokens, registrations, check-in, announcements, reschedule, cancel, close,
 * confirmations, answers, opinions and notes, the bot playground), in paging parameters and in date
 * filters. The answer is a 2xx or a 4xx problem+json naming the field, never a 5xx; a refused request
 * changes nothing (what the row reads back is what it was); and the values that must be refused are:
 * control characters, codes with spaces or other characters outside the code alphabet, strings past
 * their documented length, required text that is blank to a reader (U+3000, no-break and zero-width
 * spaces included), values outside an enum or a range, unparseable dates and durations, and paging
 * outside 0..100000 / 1..500.
 */
@QuarkusTest
class ApiInputPropertyTest {

    static final long SEED = 20_261_017L;
    static final int PER_FIELD = 5;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper ESCAPED =
            JsonMapper.builder().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII).build();

    private Hostile h;
    private ApiInputValues values;

    @BeforeEach
    void seed() {
        h = new Hostile(SEED);
        values = new ApiInputValues(h);
    }

    @Test
    void shouldAnswerEveryHostileFieldValueWith2xxOrAProblemNamingTheFieldAndChangeNothingWhenRefused()
            throws Exception {
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<Row> rows = new ApiInputRows().all();
        for (Row row : rows) {
            try {
                probe(row, statuses, failures);
            } finally {
                row.after().run();
            }
        }
        int requests = statuses.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("ApiInputPropertyTest fields: " + rows.size() + " endpoints, " + requests
                + " requests, statuses " + statuses + ", " + failures.size() + " failures");
        // every failing draw at once (each names its endpoint, field and value), not only the first
        assertEquals(List.of(), failures);
        assertTrue(statuses.containsKey("400") && statuses.keySet().stream().anyMatch(s -> s.startsWith("2")));
    }

    /**
     * One row: its valid body first (it must succeed), then {@link #PER_FIELD} draws into each field.
     * A fresh row's target is replaced after each success (a refusal leaves it as it was).
     */
    private void probe(Row row, Map<String, Integer> statuses, List<String> failures) throws Exception {
        Target t = row.target().get();
        Response ok = send(t, t.valid().get());
        statuses.merge(Integer.toString(ok.statusCode()), 1, Integer::sum);
        if (ok.statusCode() >= 300) {
            // a refusal below must be the drawn value's doing
            failures.add(row.call() + " refuses its valid body: " + ok.statusCode() + " " + ok.asString());
            return;
        }
        if (row.fresh()) {
            t = row.target().get();
        }
        String before = t.state().get();
        for (Field f : row.fields()) {
            for (int i = 0; i < PER_FIELD; i++) {
                Object value = values.draw(f);
                Map<String, Object> body = t.valid().get();
                put(body, f.name(), value);
                Response r = send(t, body);
                statuses.merge(Integer.toString(r.statusCode()), 1, Integer::sum);
                String what =
                        row.call() + " " + f.name() + "=" + show(value) + ": " + r.statusCode() + " " + r.asString();
                String after = t.state().get();
                try {
                    check(f, value, r, what);
                    if (r.statusCode() >= 400) {
                        assertEquals(before, after, "a refused request changes nothing: " + what);
                    }
                } catch (AssertionError e) {
                    String m = String.valueOf(e.getMessage());
                    failures.add(m.length() > 3000 ? m.substring(0, 3000) + "…" : m);
                }
                if (row.fresh() && r.statusCode() < 300) {
                    t = row.target().get();
                    after = t.state().get();
                }
                before = after;
            }
        }
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
                "/api/tokens",
                "/api/audit");
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
                    problemNaming(r, List.of(name), what);
                }
            }
        }
        System.out.println("ApiInputPropertyTest paging: " + requests + " requests");
    }

    @Test
    void shouldAnswerHostileDateFiltersWith200OrA400NamingTheParameter() {
        for (int i = 0; i < 40; i++) {
            String name = h.chance(50) ? "from" : "to";
            String value = values.dateText();
            Response r = admin().queryParam(name, value).get("/api/opinions");
            String what = "/api/opinions?" + name + "=" + show(value) + ": " + r.statusCode() + " " + r.asString();
            if (r.statusCode() != 200) {
                assertEquals(400, r.statusCode(), what);
                problemNaming(r, List.of(name), what);
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

    private static void check(Field f, Object value, Response r, String what) {
        int s = r.statusCode();
        assertTrue((s >= 200 && s < 300) || (s >= 400 && s < 500), what);
        if (s >= 400) {
            assertTrue(
                    String.valueOf(r.contentType()).startsWith("application/problem+json"), "a problem+json: " + what);
            if (s == 409
                    && value instanceof String v
                    && !v.isBlank()
                    && r.jsonPath().getString("detail").contains(v.strip())) {
                return; // a clash with a record that already holds this value (an earlier draw), named by the value
            }
            List<String> names = new ArrayList<>(List.of(f.name()));
            names.addAll(f.alsoNamed());
            problemNaming(r, names, what);
        } else if (mustRefuse(f, value)) {
            fail("must be refused: " + what);
        }
    }

    /**
     * The problem names one of the fields: a violation at it, inside it ({@code name.x}) or at the
     * list that holds it ({@code keywords} for {@code keywords[0]}), or the detail quoting it.
     */
    private static void problemNaming(Response r, List<String> names, String what) {
        List<String> fields = r.jsonPath().getList("violations.field");
        String detail = r.jsonPath().getString("detail");
        boolean named = names.stream()
                .anyMatch(name -> (fields != null
                                && fields.stream()
                                        .anyMatch(x -> x != null
                                                && (x.startsWith(name)
                                                        || (name.startsWith(x + "[")
                                                                && !name.substring(x.length())
                                                                        .contains(".")))))
                        || (detail != null && detail.contains(name)));
        assertTrue(named, "the problem names " + names + ": " + what);
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

    private String number() {
        return switch (h.between(0, 2)) {
            case 0 -> Integer.toString(h.draw(net.jqwik.api.Arbitraries.integers()));
            case 1 -> Long.toString(h.draw(net.jqwik.api.Arbitraries.longs()));
            default -> h.text(12);
        };
    }

    // --- HTTP and bodies ---

    private Response send(Target t, Map<String, Object> body) throws Exception {
        byte[] json = (h.chance(50) ? ESCAPED : JSON).writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        var spec = admin().body(json);
        return t.method().equals("POST") ? spec.post(t.path()) : spec.put(t.path());
    }

    /**
     * Puts {@code value} at a path such as {@code categories[0].keywords[0]} or
     * {@code audience.communityCodes[0]}: maps and lists on the way are made when missing, an index
     * one past a list's end appends.
     */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> body, String path, Object value) {
        Object at = body;
        String[] steps = path.replace("[", ".[").split("\\.");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean last = i == steps.length - 1;
            Object next = last ? value : steps[i + 1].startsWith("[") ? new ArrayList<>() : new java.util.HashMap<>();
            if (step.startsWith("[")) {
                List<Object> list = (List<Object>) at;
                int index = Integer.parseInt(step.substring(1, step.length() - 1));
                if (index >= list.size()) {
                    list.add(next);
                } else if (last) {
                    list.set(index, value);
                }
                at = list.get(index);
            } else {
                Map<String, Object> map = (Map<String, Object>) at;
                if (last || map.get(step) == null) {
                    map.put(step, next);
                }
                at = map.get(step);
            }
        }
    }
}
