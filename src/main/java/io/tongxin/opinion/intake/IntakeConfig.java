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

    /**
     * How long after an opinion is resolved a bare 1–5 from its reporter, in a group and without an
     * @-mention, counts as the rating (a digit later is more likely an answer to someone else). With
     * an @-mention or in a direct chat a rating counts until the opinion closes. Env
     * {@code TONGXIN_INTAKE_RATING_WINDOW}.
     */
    @WithDefault("PT48H")
    java.time.Duration ratingWindow();
}
