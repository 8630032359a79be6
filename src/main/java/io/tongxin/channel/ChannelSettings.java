package io.tongxin.channel;

/**
 * The stored values of a channel, and the one rule for how a request becomes them: names and ids are
 * stripped (blank means none), secrets left out of a request keep the stored ones.
 */
record ChannelSettings(
        ChannelType type,
        String name,
        String token,
        String encodingAesKey,
        String appId,
        String appSecret,
        String corpId,
        Long agentId,
        String secret,
        String receiveId,
        String sendUrl,
        String apiBaseUrl,
        boolean dryRun,
        String language) {

    /** What {@code r} stores over {@code stored} (null for a new channel). */
    static ChannelSettings of(ChannelRequest r, Channel stored) {
        return new ChannelSettings(
                r.type(),
                r.name().strip(),
                keep(r.token(), stored == null ? null : stored.token),
                keep(r.encodingAesKey(), stored == null ? null : stored.encodingAesKey),
                blankToNull(r.appId()),
                keep(r.appSecret(), stored == null ? null : stored.appSecret),
                blankToNull(r.corpId()),
                r.agentId(),
                keep(r.secret(), stored == null ? null : stored.secret),
                r.receiveId() == null ? null : r.receiveId().strip(),
                blankToNull(r.sendUrl()),
                blankToNull(r.apiBaseUrl()),
                Boolean.TRUE.equals(r.dryRun()),
                r.language() == null ? (stored == null ? "zh-CN" : stored.language) : r.language());
    }

    /** What {@code c} stores now. */
    static ChannelSettings of(Channel c) {
        return new ChannelSettings(
                c.type,
                c.name,
                c.token,
                c.encodingAesKey,
                c.appId,
                c.appSecret,
                c.corpId,
                c.agentId,
                c.secret,
                c.receiveId,
                c.sendUrl,
                c.apiBaseUrl,
                c.dryRun,
                c.language);
    }

    void writeTo(Channel c) {
        c.type = type;
        c.name = name;
        c.token = token;
        c.encodingAesKey = encodingAesKey;
        c.appId = appId;
        c.appSecret = appSecret;
        c.corpId = corpId;
        c.agentId = agentId;
        c.secret = secret;
        c.receiveId = receiveId;
        c.sendUrl = sendUrl;
        c.apiBaseUrl = apiBaseUrl;
        c.dryRun = dryRun;
        c.language = language;
    }

    private static String keep(String given, String stored) {
        return given == null || given.isEmpty() ? stored : given;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "ChannelSettings[" + type.wire() + ", " + name + "]";
    }
}
