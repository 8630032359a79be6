package io.tongxin.outbox.senders;

import java.util.Set;

/** How WeChat and WeCom {@code errcode}s are treated. Unknown codes are temporary (retried with backoff). */
final class ErrorCodes {

    /** The access token is invalid or expired: fetch a new one and retry once. */
    static final Set<Integer> TOKEN_EXPIRED = Set.of(40001, 40014, 42001);

    /** The platform is rate limiting us: wait and retry, not a failure. */
    static final Set<Integer> THROTTLED = Set.of(45009, 45033, 45047, 45011);

    /** Errors that no retry will fix. */
    static final Set<Integer> PERMANENT = Set.of(
            93000, // invalid webhook URL / robot key
            93004, // robot disabled
            40003, // invalid user id / OpenID
            40008, // invalid message type
            40013, // invalid corp id / app id
            40056, // invalid agent id
            40058, // invalid parameter
            40091, // invalid secret
            40125, // invalid app secret
            40164, // caller IP not whitelisted
            41001, // access token missing
            44004, // empty content
            45002, // content too long
            45015, // Official Account: outside the 48-hour customer-service window
            48001, // API not authorised
            48002, // API forbidden
            60020, // IP not allowed
            81013, // all recipients invalid
            82001, // no permission for the recipients
            86008); // robot not in the chat

    /** Token endpoint errors that mean the credentials are wrong, not that the service is busy. */
    static final Set<Integer> BAD_CREDENTIALS = Set.of(40001, 40013, 40125, 40091, 40164, 60020, 41002, 41004);

    private ErrorCodes() {}

    static SendResult classify(int errcode, String answer) {
        String code = Integer.toString(errcode);
        if (THROTTLED.contains(errcode)) {
            return SendResult.throttled(code, answer);
        }
        if (PERMANENT.contains(errcode)) {
            return SendResult.permanent(code, answer);
        }
        return SendResult.temporary(code, answer);
    }
}
