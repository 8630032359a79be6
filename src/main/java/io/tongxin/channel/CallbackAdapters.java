package io.tongxin.channel;

import io.tongxin.channel.bridge.BridgeAdapter;
import io.tongxin.channel.wechat.WechatMpAdapter;
import io.tongxin.channel.wecom.WecomAppAdapter;
import io.tongxin.channel.wecom.WecomBotAdapter;

/** The wire protocol for each channel type. */
public final class CallbackAdapters {

    private static final CallbackAdapter WECHAT_MP = new WechatMpAdapter();
    private static final CallbackAdapter WECOM_APP = new WecomAppAdapter();
    private static final CallbackAdapter WECOM_BOT = new WecomBotAdapter();
    private static final CallbackAdapter BRIDGE = new BridgeAdapter();

    private CallbackAdapters() {}

    public static CallbackAdapter forType(ChannelType type) {
        return switch (type) {
            case WECHAT_MP -> WECHAT_MP;
            case WECOM_APP -> WECOM_APP;
            case WECOM_BOT -> WECOM_BOT;
            case BRIDGE -> BRIDGE;
        };
    }
}
