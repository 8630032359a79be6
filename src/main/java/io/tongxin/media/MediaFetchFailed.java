package io.tongxin.media;

/**
 * A download that may succeed later (the platform answered 5xx or an error code, timed out, or could
 * not be reached): the inbox retries the message, so the item is never lost. The message never holds
 * an access token (URLs are shown with their query hidden).
 */
public final class MediaFetchFailed extends Exception {

    MediaFetchFailed(String message) {
        super(message, null, false, false);
    }
}
