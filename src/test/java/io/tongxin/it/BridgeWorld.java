package io.tongxin.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The world most process-level tests set up through one instance's admin API: a bridge channel, a
 * workstation with a community and a sector ({@code <prefix>-ws}, {@code <prefix>-com},
 * {@code <prefix>-sec}), residents' groups of that community on the channel, and members serving it.
 */
final class BridgeWorld {

    private final Instances.Instance instance;
    private final String prefix;
    private final String channel;

    /** Sets up through {@code instance}, codes starting with {@code prefix}, groups on {@code channel}. */
    BridgeWorld(Instances.Instance instance, String prefix, String channel) {
        this.instance = instance;
        this.prefix = prefix;
        this.channel = channel;
    }

    /** The bridge channel in dry run: notices are logged, not sent. */
    BridgeWorld dryRunChannel(String secret) {
        return channel(secret, "http://127.0.0.1:9/send", true);
    }

    /** The bridge channel, sending to {@code sendUrl}. */
    BridgeWorld channel(String secret, String sendUrl) {
        return channel(secret, sendUrl, false);
    }

    private BridgeWorld channel(String secret, String sendUrl, boolean dryRun) {
        Map<String, Object> body = new HashMap<>(
                Map.of("key", channel, "type", "bridge", "name", "桥接", "secret", secret, "sendUrl", sendUrl));
        if (dryRun) {
            body.put("dryRun", true);
        }
        post("/api/channels", body);
        return this;
    }

    /** The workstation, the community and the sector. */
    BridgeWorld community() {
        post("/api/workstations", Map.of("code", prefix + "-ws", "name", "工作站"));
        post(
                "/api/communities",
                Map.of(
                        "code",
                        prefix + "-com",
                        "name",
                        "社区",
                        "councilName",
                        "协商议事会",
                        "workstationCode",
                        prefix + "-ws"));
        post("/api/sectors", Map.of("code", prefix + "-sec", "name", "界别"));
        return this;
    }

    /** A residents' group of the community: the chat {@code chatId} on the channel. */
    BridgeWorld group(String code, String name, String chatId) {
        post(
                "/api/groups",
                Map.of(
                        "code", code,
                        "channelKey", channel,
                        "chatId", chatId,
                        "name", name,
                        "communityCode", prefix + "-com"));
        return this;
    }

    /** A county-level member of the sector serving the community, reachable as {@code userId} on the channel. */
    BridgeWorld member(String code, String name, int capacity, String userId) {
        post(
                "/api/members",
                Map.of(
                        "code",
                        code,
                        "name",
                        name,
                        "level",
                        "county",
                        "sectorCode",
                        prefix + "-sec",
                        "communityCodes",
                        List.of(prefix + "-com"),
                        "capacity",
                        capacity,
                        "identities",
                        List.of(Map.of("channelKey", channel, "userId", userId))));
        return this;
    }

    private void post(String path, Map<String, Object> body) {
        instance.api().body(body).post(path).then().statusCode(201);
    }
}
