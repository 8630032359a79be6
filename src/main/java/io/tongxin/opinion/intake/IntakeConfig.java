package io.tongxin.opinion.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Report intake settings ({@code tongxin.intake.*}): residents' chat messages that become opinions. */
@ConfigMapping(prefix = "tongxin.intake")
public interface IntakeConfig {

    /**
     * Whether residents' messages addressed to the bot become opinions. Switch it off when another
     * handler (the scripted chatbot) takes over reporting. Env {@code TONGXIN_INTAKE_ENABLED}.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Regular expression a channel key must match for the intake to answer on it (whole key), e.g.
     * {@code demo-bridge|sd-.*} to leave a members-only WeCom app alone. Env {@code TONGXIN_INTAKE_CHANNELS}.
     */
    @WithDefault(".*")
    String channels();

    /**
     * Characters a concern needs after the @-mention is removed and the text trimmed; shorter texts
     * get the help reply instead of an opinion. Env {@code TONGXIN_INTAKE_MIN_LENGTH}.
     */
    @WithDefault("4")
    int minLength();
}
