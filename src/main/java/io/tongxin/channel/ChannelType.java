package io.tongxin.channel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The platforms Tongxin speaks, each with its own callback and send protocol. */
public enum ChannelType {
    /** WeChat Official Account (公众号) server callback, XML, plaintext or safe (AES) mode. */
    WECHAT_MP("wechat-mp", "https://api.weixin.qq.com"),
    /** WeCom (企业微信) self-built app callback, XML, AES with the corp id as receive id. */
    WECOM_APP("wecom-app", "https://qyapi.weixin.qq.com"),
    /** WeCom smart robot in group chats, JSON, AES; fires on @-mention. */
    WECOM_BOT("wecom-bot", "https://qyapi.weixin.qq.com"),
    /** Signed JSON bridge to personal WeChat groups (e.g. a Wechaty bot). */
    BRIDGE("bridge", null);

    private final String wire;
    private final String defaultApiBaseUrl;

    ChannelType(String wire, String defaultApiBaseUrl) {
        this.wire = wire;
        this.defaultApiBaseUrl = defaultApiBaseUrl;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The platform's real API host, used when a channel sets no {@code apiBaseUrl}. */
    public String defaultApiBaseUrl() {
        return defaultApiBaseUrl;
    }

    @JsonCreator
    public static ChannelType fromWire(String value) {
        for (ChannelType t : values()) {
            if (t.wire.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown channel type " + value);
    }

    /** Parses a query parameter, answering 400 (not JAX-RS's 404) for an unknown type. */
    public static ChannelType parse(String field, String value) {
        try {
            return fromWire(value);
        } catch (IllegalArgumentException e) {
            throw io.tongxin.shared.ProblemException.invalidField(
                    field, "must be one of wechat-mp, wecom-app, wecom-bot, bridge");
        }
    }
}
