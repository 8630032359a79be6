package io.tongxin.bench;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Benchmark-only endpoints ({@code tongxin.bench.*}). */
@ConfigMapping(prefix = "tongxin.bench")
public interface BenchConfig {

    /**
     * Enables {@code POST /bench/insert}, the bare insert-one-row endpoint the webhook benchmark compares
     * against. Off by default; never enable it in production. Env {@code TONGXIN_BENCH_ENABLED}.
     */
    @WithDefault("false")
    boolean enabled();
}
