package io.tongxin.channel;

/** The body to send back to the platform and its media type. */
public record CallbackAnswer(String mediaType, String body) {

    public static CallbackAnswer text(String body) {
        return new CallbackAnswer("text/plain;charset=UTF-8", body);
    }

    public static CallbackAnswer xml(String body) {
        return new CallbackAnswer("application/xml;charset=UTF-8", body);
    }

    public static CallbackAnswer json(String body) {
        return new CallbackAnswer("application/json;charset=UTF-8", body);
    }
}
