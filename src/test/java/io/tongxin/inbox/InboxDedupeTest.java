package io.tongxin.inbox;

import static io.tongxin.support.Webhooks.inbox;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tongxin.support.Webhooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Platform retries and concurrent duplicates: one row, one processing, the same answer every time. */
@QuarkusTest
class InboxDedupeTest {

    @jakarta.inject.Inject
    InboxBatches batches;

    @Test
    void shouldStoreAndProcessOnceUnderThreeRapidRetries() {
        String key = Webhooks.bridgeChannel();
        String json = Webhooks.bridgeMessage("重复投递 #reply", "R:dedupe");
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(Webhooks.postBridge(key, json)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        }
        assertEquals(1, answers.stream().distinct().count(), "a retry gets the original answer: " + answers);
        assertEquals(true, answers.get(0).contains("已收到"));
        List<Map<String, Object>> rows = inbox(key);
        assertEquals(1, rows.size());
        long id = ((Number) rows.get(0).get("id")).longValue();
        assertEquals(1, TestInboundHandler.calls(id));
        assertEquals(1, ((Number) rows.get(0).get("attempts")).intValue());
    }

    @Test
    void shouldAnswerSuccessToEverySafeModeRetryAndStoreOnce() {
        String key = Webhooks.mpChannel(true);
        String xml = Webhooks.textXml("同一条消息", 777001L);
        for (int i = 0; i < 3; i++) {
            // each retry re-encrypts (fresh random bytes and nonce), as a platform may
            Webhooks.postMpSafe(key, xml).then().statusCode(200).body(org.hamcrest.Matchers.equalTo("success"));
        }
        assertEquals(1, inbox(key).size());
    }

    @Test
    void shouldStoreAndProcessOnceUnderEightConcurrentIdenticalPosts() throws Exception {
        String key = Webhooks.wecomAppChannel();
        String xml = Webhooks.payload("wecom-app/text.xml");
        WxCryptUtil.EncryptContext ctx = Webhooks.encryptContext(Webhooks.wecomSdk(Webhooks.CORP_ID), xml);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return Webhooks.postWecomEncrypted(key, ctx.getEncrypt(), ctx.getTimeStamp());
                }));
            }
            go.countDown();
            for (Future<Response> f : results) {
                Response r = f.get();
                assertEquals(200, r.statusCode(), r.asString());
                assertEquals("success", r.asString());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> rows = inbox(key);
        assertEquals(1, rows.size());
        long id = ((Number) rows.get(0).get("id")).longValue();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> "processed".equals(inbox(key).get(0).get("status")));
        // a duplicate never gets a claim; anything still due would be claimed by this pass
        batches.drain();
        assertEquals(1, TestInboundHandler.calls(id));
        assertEquals(1, ((Number) inbox(key).get(0).get("attempts")).intValue());
    }

    @Test
    void shouldKeepDistinctMessagesFromOneSenderInTheSameSecond() {
        String key = Webhooks.mpChannel(false);
        Webhooks.postMpPlain(key, Webhooks.textXml("第一条", 880001L)).then().statusCode(200);
        Webhooks.postMpPlain(key, Webhooks.textXml("第二条", 880002L)).then().statusCode(200);
        assertEquals(2, inbox(key).size());
    }
}
