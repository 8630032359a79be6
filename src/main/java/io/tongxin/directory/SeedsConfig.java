package io.tongxin.directory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo and bulk data: the {@code seeds/} folder of YAML files and when to import it. */
@ConfigMapping(prefix = "tongxin.seeds")
public interface SeedsConfig {

    /**
     * Import the seed folder at start-up (env {@code TONGXIN_SEEDS_IMPORT_AT_START}). On in the
     * embedded mode, off in production. A bad file stops the start with its file name and line.
     */
    @WithDefault("false")
    boolean importAtStart();

    /**
     * The folder holding the seed files, {@code *.yaml} / {@code *.yml} (env {@code TONGXIN_SEEDS_DIR}).
     * Relative paths resolve against the working directory.
     */
    @WithDefault("seeds")
    String dir();
}
