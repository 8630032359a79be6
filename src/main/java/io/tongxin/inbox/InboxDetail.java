package io.tongxin.inbox;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.tongxin.shared.Phones;
import java.util.regex.Pattern;

/**
 * One inbox message with its raw payload (the decrypted message as received). A WeCom robot's
 * {@code response_url} lets anyone holding it post into the chat, so it is masked here.
 */
public record InboxDetail(@JsonUnwrapped InboxView message, String raw) {

    private static final Pattern RESPONSE_URL = Pattern.compile("(\"response_url\"\\s*:\\s*\")[^\"]*(\")");

    static InboxDetail of(InboxMessage m) {
        return new InboxDetail(
                InboxView.of(m), Phones.maskText(RESPONSE_URL.matcher(m.raw).replaceAll("$1***$2")));
    }
}
