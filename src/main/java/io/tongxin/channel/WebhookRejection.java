package io.tongxin.channel;

/**
 * A callback refused for a reason the sender can see: the HTTP status to answer, a short metric
 * reason ({@code signature}, {@code replay}, {@code too-large}, {@code malformed}, {@code receive-id},
 * {@code unsupported}) and a detail for the problem+json body. The detail never quotes secrets,
 * ciphertexts or payload content.
 */
public final class WebhookRejection extends RuntimeException {

    private final int status;
    private final String reason;

    public WebhookRejection(int status, String reason, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public static WebhookRejection signature(String detail) {
        return new WebhookRejection(401, "signature", detail);
    }

    public static WebhookRejection replay(String detail) {
        return new WebhookRejection(401, "replay", detail);
    }

    public static WebhookRejection receiveId(String detail) {
        return new WebhookRejection(401, "receive-id", detail);
    }

    public static WebhookRejection malformed(String detail) {
        return new WebhookRejection(400, "malformed", detail);
    }

    public static WebhookRejection tooLarge(int limit) {
        return new WebhookRejection(413, "too-large", "the request body is larger than " + limit + " bytes");
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
