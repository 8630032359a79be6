package io.tongxin.outbox;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Whom an outbound message goes to on its channel.
 * <ul>
 * <li>{@link User}: a person by platform user id (WeCom app {@code touser}, Official Account
 * OpenID, bridge {@code userId}).</li>
 * <li>{@link Chat}: a group chat by id (WeCom app chat via {@code appchat/send}, bridge
 * {@code chatId}).</li>
 * <li>{@link Robot}: a WeCom group robot by its webhook key (or its whole webhook URL).</li>
 * <li>{@link Reply}: a WeCom smart-robot reply to a callback's {@code response_url} while it is
 * valid (single use, about an hour), else to the group's robot webhook if one is given.</li>
 * </ul>
 */
public sealed interface Target {

    /** Wire kind as stored and shown: {@code user}, {@code chat}, {@code robot}, {@code reply}. */
    String kind();

    static Target user(String userId) {
        return new User(userId);
    }

    static Target chat(String chatId) {
        return new Chat(chatId);
    }

    /** A group robot by key or by its webhook URL ({@code https://.../cgi-bin/webhook/send?key=KEY}). */
    static Target robot(String webhookUrlOrKey) {
        return new Robot(Robot.keyOf(webhookUrlOrKey));
    }

    static Target reply(String responseUrl, Instant validUntil, String fallbackRobotWebhookUrlOrKey) {
        return new Reply(
                responseUrl,
                validUntil,
                fallbackRobotWebhookUrlOrKey == null ? null : Robot.keyOf(fallbackRobotWebhookUrlOrKey));
    }

    record User(String userId) implements Target {
        public User {
            requireText(userId, "userId");
        }

        @Override
        public String kind() {
            return "user";
        }
    }

    record Chat(String chatId) implements Target {
        public Chat {
            requireText(chatId, "chatId");
        }

        @Override
        public String kind() {
            return "chat";
        }
    }

    record Robot(String key) implements Target {
        public Robot {
            requireText(key, "robot key");
        }

        @Override
        public String kind() {
            return "robot";
        }

        /** The {@code key} query parameter of a webhook URL, or the value itself if it is not a URL. */
        static String keyOf(String webhookUrlOrKey) {
            requireText(webhookUrlOrKey, "robot webhook");
            String v = webhookUrlOrKey.strip();
            if (!v.startsWith("http://") && !v.startsWith("https://")) {
                return v;
            }
            String query = URI.create(v).getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.startsWith("key=") && pair.length() > 4) {
                        return java.net.URLDecoder.decode(pair.substring(4), java.nio.charset.StandardCharsets.UTF_8);
                    }
                }
            }
            throw new IllegalArgumentException("robot webhook URL has no key parameter");
        }

        @Override
        public String toString() {
            return "Robot[" + mask(key) + "]";
        }
    }

    record Reply(String responseUrl, Instant validUntil, String fallbackRobotKey) implements Target {
        public Reply {
            requireText(responseUrl, "responseUrl");
            Objects.requireNonNull(validUntil, "validUntil");
            if (!responseUrl.startsWith("http://") && !responseUrl.startsWith("https://")) {
                throw new IllegalArgumentException("responseUrl must be an http(s) URL");
            }
        }

        @Override
        public String kind() {
            return "reply";
        }

        @Override
        public String toString() {
            return "Reply[valid until " + validUntil + (fallbackRobotKey == null ? "" : ", fallback robot") + "]";
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > 1000) {
            throw new IllegalArgumentException(what + " is too long");
        }
    }

    /** Robot keys are credentials: show only their last four characters. */
    static String mask(String secret) {
        if (secret == null) {
            return null;
        }
        return secret.length() <= 4 ? "****" : "****" + secret.substring(secret.length() - 4);
    }
}
