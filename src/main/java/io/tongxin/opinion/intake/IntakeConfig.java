package io.tongxin.opinion.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the opinion actions of the bot scripts need ({@code tongxin.intake.*}). Which channels the bot
 * answers on is {@code tongxin.bot.channels}; what it says and which words it reacts to are the
 * scripts in {@code bot-scripts/}.
 */
@ConfigMapping(prefix = "tongxin.intake")
public interface IntakeConfig {

    /**
     * How long after an opinion is resolved a bare 1–5 from its reporter, in a group and without an
     * @-mention, counts as the rating (a digit later is more likely an answer to someone else). With
     * an @-mention or in a direct chat a rating counts until the opinion closes. Env
     * {@code TONGXIN_INTAKE_RATING_WINDOW}.
     */
    @WithDefault("PT48H")
    java.time.Duration ratingWindow();
}
