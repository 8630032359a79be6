package io.tongxin.shared;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the background threads run ({@code tongxin.background.*}; {@link BackgroundThreads}). */
@ConfigMapping(prefix = "tongxin.background")
public interface BackgroundConfig {

    /**
     * The Linux nice value (0 to 19) of the threads that process inbox messages and send outbox
     * messages: above 0 they take the CPU only after the threads that accept webhooks, so a
     * processing backlog does not slow acknowledgements on a busy machine (work is only deferred,
     * never dropped: these threads get every cycle the webhooks leave). 0 keeps the normal priority.
     * Set with {@code renice} at each thread's start; where that is not possible (not Linux, no
     * {@code renice}) the threads keep the normal priority and the log says so once, when the first of them starts. Env
     * {@code TONGXIN_BACKGROUND_NICE}.
     */
    @WithDefault("19")
    int nice();
}
