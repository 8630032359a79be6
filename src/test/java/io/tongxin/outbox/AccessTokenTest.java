package io.tongxin.outbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Access tokens: cached in the database, refreshed before expiry, and replaced once when the platform rejects them. */
@QuarkusTest
class AccessTokenTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    MutableClock clock;

    final PlatformStub stub = new PlatformStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    long send(String channel, String user) {
        return outbox.enqueue(OutboundMessage.of(
                        uniq("k"), channel, Target.user(user), Content.text("hi " + user), Origin.of("test", null)))
                .id();
    }

    @Test
    void shouldReuseTheCachedTokenUntilShortlyBeforeItExpires() {
        stub.then("/cgi-bin/gettoken", "{\"errcode\":0,\"access_token\":\"T1\",\"expires_in\":7200}")
                .then("/cgi-bin/gettoken", "{\"errcode\":0,\"access_token\":\"T2\",\"expires_in\":7200}");
        String channel = Channels.wecomApp(stub.baseUrl());
        send(channel, "a");
        dispatcher.drain();
        send(channel, "b");
        dispatcher.drain();
        assertEquals(1, stub.requests("/cgi-bin/gettoken").size());

        clock.advance(Duration.ofSeconds(7200).minus(Duration.ofMinutes(4))); // inside the 5-minute refresh margin
        send(channel, "c");
        dispatcher.drain();
        assertEquals(2, stub.requests("/cgi-bin/gettoken").size());
        List<String> used = stub.requests("/cgi-bin/message/send").stream()
                .map(r -> r.query().get("access_token"))
                .toList();
        assertEquals(List.of("T1", "T1", "T2"), used);
    }

    @Test
    void shouldRefreshTheTokenAndRetryExactlyOnceOn40014() {
        stub.then("/cgi-bin/gettoken", "{\"errcode\":0,\"access_token\":\"OLD\",\"expires_in\":7200}")
                .then("/cgi-bin/gettoken", "{\"errcode\":0,\"access_token\":\"NEW\",\"expires_in\":7200}");
        stub.then("/cgi-bin/message/send", "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}");
        String channel = Channels.wecomApp(stub.baseUrl());
        long id = send(channel, "zhangsan");
        dispatcher.drain();

        assertEquals(2, stub.requests("/cgi-bin/gettoken").size());
        List<String> used = stub.requests("/cgi-bin/message/send").stream()
                .map(r -> r.query().get("access_token"))
                .toList();
        assertEquals(List.of("OLD", "NEW"), used);
        admin().get("/api/outbox/" + id).then().body("status", equalTo("sent")).body("attempts", equalTo(1));
    }

    @Test
    void shouldNotRetryMoreThanOnceWhenTheFreshTokenIsRejectedToo() {
        stub.always("/cgi-bin/gettoken", "{\"errcode\":0,\"access_token\":\"BAD\",\"expires_in\":7200}");
        stub.always("/cgi-bin/message/send", "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
        String channel = Channels.wecomApp(stub.baseUrl());
        long id = send(channel, "lisi");
        dispatcher.drain();
        assertEquals(2, stub.requests("/cgi-bin/message/send").size(), "the original call and one retry");
        admin().get("/api/outbox/" + id)
                .then()
                .body("status", equalTo("retrying"))
                .body("lastErrorCode", equalTo("42001"));
    }

    @Test
    void shouldRefreshOfficialAccountTokensOn40001() {
        stub.then("/cgi-bin/token", "{\"access_token\":\"MP1\",\"expires_in\":7200}")
                .then("/cgi-bin/token", "{\"access_token\":\"MP2\",\"expires_in\":7200}");
        stub.then("/cgi-bin/message/custom/send", "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
        String channel = Channels.wechatMp(stub.baseUrl());
        long id = send(channel, "oOpen1");
        dispatcher.drain();
        List<String> used = stub.requests("/cgi-bin/message/custom/send").stream()
                .map(r -> r.query().get("access_token"))
                .toList();
        assertEquals(List.of("MP1", "MP2"), used);
        admin().get("/api/outbox/" + id).then().body("status", equalTo("sent"));
    }

    @Test
    void shouldDeadLetterWhenTheCredentialsAreInvalid() {
        stub.always("/cgi-bin/gettoken", "{\"errcode\":40013,\"errmsg\":\"invalid corpid\"}");
        String channel = Channels.wecomApp(stub.baseUrl());
        long id = send(channel, "wangwu");
        dispatcher.drain();
        assertEquals(0, stub.requests("/cgi-bin/message/send").size());
        admin().get("/api/outbox/" + id).then().body("status", equalTo("dead")).body("lastErrorCode", equalTo("40013"));
    }

    @Test
    void shouldFetchOneTokenWhenManySendersNeedItAtOnce() throws Exception {
        stub.always("/cgi-bin/gettoken", "{\"errcode\":0,\"access_token\":\"SHARED\",\"expires_in\":7200}");
        String channel = Channels.wecomApp(stub.baseUrl());
        for (int i = 0; i < 40; i++) {
            send(channel, "user" + i);
        }
        // Two dispatchers at once, each sending on several threads: all need the token at the same moment.
        ExecutorService two = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = List.of(
                two.submit(() -> {
                    go.await();
                    return dispatcher.drain();
                }),
                two.submit(() -> {
                    go.await();
                    return dispatcher.drain();
                }));
        go.countDown();
        for (Future<Integer> f : runs) {
            f.get();
        }
        two.shutdown();
        assertEquals(1, stub.requests("/cgi-bin/gettoken").size());
        assertEquals(40, stub.requests("/cgi-bin/message/send").size());
    }
}
