package io.tongxin.media;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.support.AlternateSettings;
import io.tongxin.support.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * All downloads of one message share one budget ({@code tongxin.media.fetch-budget}, 3 s under
 * {@link AlternateSettings}): a slow platform cannot hold the inbox worker (and its transaction) past
 * it. What was fetched before the budget ran out is kept, and the message's next attempt fetches only
 * the rest.
 */
@QuarkusTest
@TestProfile(AlternateSettings.class)
class MediaFetchBudgetTest {

    final MediaStub stub = new MediaStub();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void shouldStopAtTheMessagesBudgetKeepWhatItGotAndFetchOnlyTheRestOnTheNextAttempt() {
        String key = Webhooks.bridgeChannel();
        byte[] first = Samples.jpeg();
        byte[] second = Samples.png();
        // 1.5 s for the first photo leaves at most 1.5 s of the budget: the second, slower, does not fit
        // (on a loaded machine the budget may even be spent before it is asked for: the same outcome)
        stub.always("/files/a.jpg", MediaStub.bytes("image/jpeg", first).after(1500));
        stub.then("/files/b.png", MediaStub.bytes("image/png", second).after(2500));
        stub.always("/files/b.png", MediaStub.bytes("image/png", second));
        String body = "{\"messageId\":\"budget-" + UUID.randomUUID() + "\",\"chat\":{\"id\":\"R:budget\"},"
                + "\"sender\":{\"id\":\"wxid_budget\",\"name\":\"王阿姨\"},\"text\":\"\",\"timestamp\":"
                + Webhooks.now() + ",\"attachments\":[{\"kind\":\"image\",\"url\":\"" + stub.baseUrl()
                + "/files/a.jpg\"},{\"kind\":\"image\",\"url\":\"" + stub.baseUrl() + "/files/b.png\"}]}";
        Webhooks.postBridge(key, body).then().statusCode(200);

        await().atMost(Duration.ofSeconds(40)).until(() -> Samples.items(key).size() == 2);
        List<MediaItem> items = Samples.items(key);
        assertArrayEquals(first, items.get(0).content);
        assertArrayEquals(second, items.get(1).content);
        assertEquals(1, stub.requests("/files/a.jpg").size(), "the first photo, stored in time, is kept");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Map<String, Object> row = Webhooks.inbox(key).get(0);
            return "processed".equals(row.get("status"));
        });
        Map<String, Object> row = Webhooks.inbox(key).get(0);
        assertTrue(
                ((Number) row.get("attempts")).intValue() >= 2,
                "the budget ended the first attempt; the next one fetched the rest: " + row);
    }
}
