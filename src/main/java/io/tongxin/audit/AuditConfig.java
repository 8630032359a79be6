package io.tongxin.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the audit trail is kept. */
@ConfigMapping(prefix = "tongxin.audit")
public interface AuditConfig {

    /** Entries older than this are deleted (env {@code TONGXIN_AUDIT_RETENTION}); default 3 years. */
    @WithDefault("1095d")
    Duration retention();

    /** How often the purge runs ({@code off} disables it). Env {@code TONGXIN_AUDIT_PURGE_EVERY}. */
    @WithDefault("1h")
    String purgeEvery();
}
