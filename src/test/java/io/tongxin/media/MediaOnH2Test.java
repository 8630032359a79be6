package io.tongxin.media;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.shared.EmbeddedModeTest;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The media table in the embedded mode (file H2): bytes in a bytea (VARBINARY) column, the attach and purge queries. */
@QuarkusTest
@TestProfile(EmbeddedModeTest.Embedded.class)
class MediaOnH2Test {

    @Inject
    MediaAttachments attachments;

    @Test
    void shouldStoreAndPurgeMediaBytesOnH2() {
        String key = Webhooks.bridgeChannel(Api.as("embedded-admin-token-0123456789ab"));
        byte[] png = Samples.png();
        String json = "{\"messageId\":\"" + UUID.randomUUID()
                + "\",\"chat\":{\"id\":\"R:h2\"},\"sender\":{\"id\":\"wxid_h2\"},"
                + "\"text\":\"\",\"timestamp\":" + Webhooks.now()
                + ",\"attachments\":[{\"kind\":\"image\",\"base64\":\""
                + Base64.getEncoder().encodeToString(png) + "\"}]}";
        Webhooks.postBridge(key, json).then().statusCode(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> Samples.items(key).size() == 1);
        MediaItem item = Samples.items(key).get(0);
        assertEquals("image/png", item.mime);
        assertArrayEquals(png, item.content);
        assertEquals(0, attachments.purgeUnattached(10), "not yet past the window plus margin");
        assertEquals(0, attachments.attachStragglers(10), "no report to attach it to");
    }
}
