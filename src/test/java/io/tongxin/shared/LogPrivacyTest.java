package io.tongxin.shared;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.outbox.OutboxDispatcher;
import io.tongxin.support.AlternateSettings;
import io.tongxin.support.Api;
import io.tongxin.support.ChatWorld;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Residents' names and phones never reach the service log. The main flows run over real HTTP with the
 * production log settings (the log sender prints no message texts): residents report concerns in a
 * group and directly with their phone in the text, members acknowledge and resolve by chat, the
 * resident rates, an organizer records a resident with name and phone, a registration names them,
 * the outbox delivers every notice (to the log sender of the dry-run channel), the data is exported
 * and erased. Then the test reads the service's log file of the run ({@code target/quarkus-test.log},
 * every test class of the run before this one included: the file is appended to across restarts) and finds neither the names nor the phones in any
 * spelling, nor any full mobile number at all.
 */
@QuarkusTest
@TestProfile(AlternateSettings.class)
class LogPrivacyTest {

    /** A mainland mobile number, digits possibly spaced or dashed, not part of a longer number. */
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9])");

    @Inject
    OutboxDispatcher dispatcher;

    private static String phone() {
        return "13" + (5 + ThreadLocalRandom.current().nextInt(5))
                + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    @Test
    void shouldKeepResidentsNamesAndPhonesOutOfTheLog() throws Exception {
        ChatWorld w = ChatWorld.create();
        String suffix = w.member.substring(w.member.length() - 4);
        String name1 = "隐名甲" + suffix;
        String name2 = "隐名乙" + suffix;
        String phone1 = phone();
        String phone2 = phone();
        String user1 = "wxid_log1_" + suffix;
        String user2 = "wxid_log2_" + suffix;

        String first = w.report(user1, name1, "路灯坏了，我是" + name1 + "，电话 " + phone1);
        w.settle();
        w.say(
                        null,
                        user2,
                        name2,
                        "小区门口积水严重，请联系 " + phone2.substring(0, 3) + " " + phone2.substring(3, 7) + " "
                                + phone2.substring(7),
                        false)
                .then()
                .statusCode(200);
        w.settle();
        w.memberSays("收到 " + first);
        w.memberSays("办结 " + first + " 已修好，已电话告知" + name1);
        w.settle();
        w.say(w.chatId, user1, name1, "5", false).then().statusCode(200);
        w.settle();
        String code = (String) w.resident(user1).get("code");
        admin().body(Map.of(
                        "code", code, "channelKey", w.channel, "userId", user1, "displayName", name1, "phone", phone1))
                .put("/api/residents/" + code)
                .then()
                .statusCode(200);
        String other = Api.uniq("log-r");
        admin().body(Map.of("code", other, "displayName", name2, "phone", phone2))
                .post("/api/residents")
                .then()
                .statusCode(201);
        // a bad update names the resident in the request: the refusal must not log it
        admin().body(Map.of("code", other, "displayName", name2, "phone", "电话" + phone2))
                .put("/api/residents/" + other)
                .then()
                .statusCode(400);
        String event = Api.uniq("log-ev");
        Instant start = Instant.now().plus(Duration.ofDays(2));
        admin().body(Map.of(
                        "code",
                        event,
                        "kind",
                        "class",
                        "title",
                        "日志课堂",
                        "venue",
                        "社区活动室",
                        "capacity",
                        10,
                        "audience",
                        Map.of("communityCodes", List.of(w.community)),
                        "sessions",
                        List.of(Map.of(
                                "startsAt",
                                start.toString(),
                                "endsAt",
                                start.plusSeconds(3600).toString()))))
                .post("/api/events")
                .then()
                .statusCode(201);
        admin().post("/api/events/" + event + "/publish").then().statusCode(200);
        admin().body(Map.of("participantName", name2, "residentCode", other))
                .post("/api/events/" + event + "/registrations")
                .then()
                .statusCode(201);
        dispatcher.drain(); // every notice through the log sender (the channel is a dry run)
        admin().get("/api/residents/" + code + "/data").then().statusCode(200);
        admin().post("/api/residents/" + other + "/erase").then().statusCode(200);

        String log = readLog();
        assertTrue(log.contains("outbox #"), "the log sender wrote to this log");
        for (String secret : List.of(name1, name2, phone1, phone2, spaced(phone1), spaced(phone2))) {
            assertFalse(log.contains(secret), "the log contains " + secret + ": " + around(log, secret));
        }
        Matcher m = MOBILE.matcher(log);
        assertFalse(m.find(), () -> "a full mobile number in the log: " + around(log, m.group()));
    }

    private static String spaced(String phone) {
        return phone.substring(0, 3) + " " + phone.substring(3, 7) + " " + phone.substring(7);
    }

    private static String readLog() throws IOException {
        Path file = Path.of("target/quarkus-test.log");
        assertTrue(Files.exists(file), "the test profile logs to " + file.toAbsolutePath());
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static String around(String log, String s) {
        int i = log.indexOf(s);
        return i < 0 ? "" : log.substring(Math.max(0, i - 300), Math.min(log.length(), i + s.length() + 100));
    }
}
