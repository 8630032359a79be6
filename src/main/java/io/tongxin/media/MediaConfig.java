package io.tongxin.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Residents' photos, voice messages and locations ({@code tongxin.media.*}). */
@ConfigMapping(prefix = "tongxin.media")
public interface MediaConfig {

    /**
     * The largest item stored, in bytes; a larger one is refused (recorded with the reason, the
     * message still processed). Enforced while the bytes stream in. Env {@code TONGXIN_MEDIA_MAX_BYTES}.
     */
    @WithDefault("10485760")
    long maxBytes();

    /**
     * A photo, voice message or location attaches to the report its sender filed in the same chat
     * this close in time, before or after it. Env {@code TONGXIN_MEDIA_ATTACH_WINDOW}.
     */
    @WithDefault("PT10M")
    Duration attachWindow();

    /**
     * Unattached items (a group photo never followed by a report) are deleted once they are older than
     * the attach window plus this margin. Env {@code TONGXIN_MEDIA_UNATTACHED_MARGIN}.
     */
    @WithDefault("PT50M")
    Duration unattachedMargin();

    /** Connecting to a platform's media endpoint gives up after this. Env {@code TONGXIN_MEDIA_CONNECT_TIMEOUT}. */
    @WithDefault("PT5S")
    Duration connectTimeout();

    /**
     * A whole download (headers and body) gives up after this; the message is then retried like any
     * failed processing step. Keep it well under {@code tongxin.inbox.lease}. Env
     * {@code TONGXIN_MEDIA_FETCH_TIMEOUT}.
     */
    @WithDefault("PT20S")
    Duration fetchTimeout();

    /**
     * All downloads of one message together give up after this (a bridge message may carry 9 items,
     * a robot's mixed message several images): each download's deadline is the smaller of
     * {@code fetch-timeout} and what is left of it. Items are stored one by one as they arrive, so a
     * message whose budget ran out keeps what it got and fetches the rest on its next attempt. Keep it
     * under {@code tongxin.inbox.lease} (60 s). Env {@code TONGXIN_MEDIA_FETCH_BUDGET}.
     */
    @WithDefault("PT40S")
    Duration fetchBudget();

    /**
     * How often unattached items are matched once more with reports (two messages processed at the
     * same moment on two workers cannot see each other) and expired ones purged ({@code off}
     * disables). Env {@code TONGXIN_MEDIA_SWEEP_EVERY}.
     */
    @WithDefault("1m")
    String sweepEvery();
}
