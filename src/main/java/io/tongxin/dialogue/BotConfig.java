package io.tongxin.dialogue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The scripted chatbot ({@code tongxin.bot.*}). */
@ConfigMapping(prefix = "tongxin.bot")
public interface BotConfig {

    /** Whether the bot answers at all. Env {@code TONGXIN_BOT_ENABLED}. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Regular expression a channel key must match for the bot to answer on it (whole key), e.g.
     * {@code demo-bridge|sd-.*}. Env {@code TONGXIN_BOT_CHANNELS}.
     */
    @WithDefault(".*")
    String channels();

    /** The folder of bot scripts ({@code *.yaml}). Env {@code TONGXIN_BOT_SCRIPTS_DIR}. */
    @WithDefault("bot-scripts")
    String scriptsDir();

    /**
     * How often the folder is checked for changed scripts (a changed, added or removed file is
     * reloaded), or {@code off}. Env {@code TONGXIN_BOT_RELOAD_EVERY}.
     */
    @WithDefault("2s")
    String reloadEvery();

    /** How often expired conversations are deleted, or {@code off}. Env {@code TONGXIN_BOT_PURGE_EVERY}. */
    @WithDefault("1h")
    String purgeEvery();

    /** How long before an instance retries a message whose sender has an earlier one still in processing. */
    @WithDefault("PT0.5S")
    java.time.Duration orderRetry();
}
