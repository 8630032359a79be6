package io.tongxin.loadbench;

import io.tongxin.channel.CallbackRequest;
import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.ChannelSecrets;
import io.tongxin.channel.ChannelType;
import io.tongxin.channel.InboundDraft;
import io.tongxin.channel.wechat.WechatMpAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-message CPU cost of a safe-mode Official Account callback: verify msg_signature, parse the
 * envelope, AES-decrypt, parse the message XML and normalise it. {@code tongxin} is the shipped adapter;
 * {@code sdk} is binarywang WxJava 4.7.0 doing the same ({@code WxMpXmlMessage.fromEncryptedXml}:
 * WxCryptUtil signature check + decrypt, then XStream parsing). Same ciphertext for both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CallbackCpuBenchmark {

    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String APP_ID = "wxb11529c136998cb6";

    private final WechatMpAdapter adapter = new WechatMpAdapter();
    private ChannelSecrets channel;
    private CallbackRequest request;
    private String body;
    private WxCryptUtil.EncryptContext ctx;
    private WxMpDefaultConfigImpl sdkConfig;

    @Setup
    public void setUp() {
        String xml = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA["
                + "oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName><CreateTime>1710000000</CreateTime><MsgType>"
                + "<![CDATA[text]]></MsgType><Content><![CDATA[小区门口的路灯坏了，晚上出行很不方便，请尽快修理。]]></Content>"
                + "<MsgId>24436123456789012</MsgId></xml>";
        ctx = new WxCryptUtil(TOKEN, AES_KEY, APP_ID).encryptContext(xml);
        body = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[" + ctx.getEncrypt()
                + "]]></Encrypt></xml>";
        channel = new ChannelSecrets(
                new ChannelInfo(
                        "bench", ChannelType.WECHAT_MP, "bench", APP_ID, null, null, null, null, null, false, "zh-CN"),
                TOKEN,
                AES_KEY,
                null,
                null);
        request = new CallbackRequest(
                Map.of(
                        "timestamp",
                        ctx.getTimeStamp(),
                        "nonce",
                        ctx.getNonce(),
                        "encrypt_type",
                        "aes",
                        "msg_signature",
                        ctx.getSignature(),
                        "signature",
                        "unused"),
                h -> null,
                body.getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(Long.parseLong(ctx.getTimeStamp())),
                300);
        sdkConfig = new WxMpDefaultConfigImpl();
        sdkConfig.setAppId(APP_ID);
        sdkConfig.setToken(TOKEN);
        sdkConfig.setAesKey(AES_KEY);
        if (!"小区门口的路灯坏了，晚上出行很不方便，请尽快修理。".equals(tongxin().text())
                || !"小区门口的路灯坏了，晚上出行很不方便，请尽快修理。".equals(sdk().getContent())) {
            throw new IllegalStateException("the two implementations disagree");
        }
    }

    @Benchmark
    public InboundDraft tongxin() {
        return adapter.open(channel, request);
    }

    @Benchmark
    public WxMpXmlMessage sdk() {
        return WxMpXmlMessage.fromEncryptedXml(body, sdkConfig, ctx.getTimeStamp(), ctx.getNonce(), ctx.getSignature());
    }
}
