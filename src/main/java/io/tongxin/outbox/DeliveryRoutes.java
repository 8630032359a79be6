package io.tongxin.outbox;

import io.tongxin.outbox.Content.Format;
import io.tongxin.outbox.senders.BridgeSender;
import io.tongxin.outbox.senders.LogSender;
import io.tongxin.outbox.senders.Sender;
import io.tongxin.outbox.senders.SendingChannel;
import io.tongxin.outbox.senders.WechatMpSender;
import io.tongxin.outbox.senders.WecomAppSender;
import io.tongxin.outbox.senders.WecomReplySender;
import io.tongxin.outbox.senders.WecomRobotSender;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Decides, for one part of a message, which sender delivers it, to which platform target, under
 * which rate-limit key and limits, and how large a part may be.
 */
@ApplicationScoped
class DeliveryRoutes {

    /** How one part travels. {@code limits} empty means not rate limited. */
    record Route(Sender sender, String targetKind, String targetId, String rateKey, List<RateLimiter.Limit> limits) {}

    @Inject
    OutboxConfig config;

    @Inject
    LogSender log;

    @Inject
    WecomRobotSender robot;

    @Inject
    WecomAppSender app;

    @Inject
    WechatMpSender mp;

    @Inject
    WecomReplySender reply;

    @Inject
    BridgeSender bridge;

    private List<RateLimiter.Limit> robotLimits;
    private List<RateLimiter.Limit> appLimits;
    private List<RateLimiter.Limit> mpLimits;
    private List<RateLimiter.Limit> bridgeLimits;
    private final Map<String, List<RateLimiter.Limit>> channelLimits = new HashMap<>();

    @PostConstruct
    void init() {
        robotLimits = RateLimiter.parse(config.limits().wecomRobot());
        appLimits = RateLimiter.parse(config.limits().wecomApp());
        mpLimits = RateLimiter.parse(config.limits().wechatMp());
        bridgeLimits = RateLimiter.parse(config.limits().bridge());
        config.channelLimits().forEach((k, v) -> channelLimits.put(k, RateLimiter.parse(v)));
    }

    /** How a message's photo travels on a channel. */
    enum PhotoMode {
        /** Not at all: the message has none, or its target cannot take one (a smart-robot reply with no robot). */
        NONE,
        /** As its own part after the text parts: the platform's image message (WeCom, Official Account, robot). */
        OWN_PART,
        /** With the last text part, in the same call (a bridge's {@code attachments}). */
        WITH_LAST_TEXT
    }

    /**
     * How the message's photo goes out. Decided from what stays the same across attempts (the
     * channel type and the target), so the number of parts never changes between retries.
     */
    PhotoMode photoMode(SendingChannel ch, ClaimedMessage m) {
        if (m.imageMediaId() == null) {
            return PhotoMode.NONE;
        }
        if (ch.type() == io.tongxin.channel.ChannelType.BRIDGE) {
            return PhotoMode.WITH_LAST_TEXT;
        }
        if ("reply".equals(m.targetKind()) && m.fallbackRobotKey() == null) {
            return PhotoMode.NONE; // a response_url takes markdown once; the photo would need the group's robot
        }
        return PhotoMode.OWN_PART;
    }

    /** Largest part in UTF-8 bytes for this message on this channel. */
    int maxBytes(SendingChannel ch, ClaimedMessage m) {
        return switch (ch.type()) {
            case BRIDGE -> config.maxBridgeBytes();
            case WECOM_BOT, WECOM_APP ->
                ("robot".equals(m.targetKind()) || "reply".equals(m.targetKind())) && m.format() == Format.MARKDOWN
                        ? config.maxMarkdownBytes()
                        : config.maxTextBytes();
            case WECHAT_MP -> config.maxTextBytes();
        };
    }

    /**
     * The route of part {@code part}, or null when it cannot be delivered at all (a smart-robot
     * reply whose response_url is used or expired and that has no robot webhook to fall back to).
     */
    Route route(SendingChannel ch, ClaimedMessage m, int part, Instant now) {
        boolean dryRun = config.dryRun() || ch.dryRun();
        String kind = m.targetKind();
        String id = m.targetId();
        if ("reply".equals(kind)) {
            boolean urlUsable = part == 0 && m.targetExpiresAt() != null && now.isBefore(m.targetExpiresAt());
            if (urlUsable) {
                return new Route(dryRun ? log : reply, kind, id, null, List.of());
            }
            if (m.fallbackRobotKey() == null) {
                return null;
            }
            kind = "robot";
            id = m.fallbackRobotKey();
        }
        if (dryRun) {
            return new Route(log, kind, id, null, List.of());
        }
        if ("robot".equals(kind)) {
            return new Route(robot, kind, id, "robot:" + sha256(id), limits(ch, robotLimits));
        }
        String rateKey = ch.type().wire() + ":" + ch.key() + ":" + kind + ":" + (id.length() > 200 ? sha256(id) : id);
        return switch (ch.type()) {
            case WECOM_APP -> new Route(app, kind, id, rateKey, limits(ch, appLimits));
            case WECHAT_MP -> new Route(mp, kind, id, rateKey, limits(ch, mpLimits));
            case BRIDGE -> new Route(bridge, kind, id, rateKey, limits(ch, bridgeLimits));
            case WECOM_BOT -> throw new IllegalStateException("a wecom-bot channel reaches only robots and replies");
        };
    }

    private List<RateLimiter.Limit> limits(SendingChannel ch, List<RateLimiter.Limit> byType) {
        return channelLimits.getOrDefault(ch.key(), byType);
    }

    /** Robot keys are credentials: rate rows carry a hash, not the key. */
    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
