package io.tongxin.dashboard;

import io.tongxin.security.SecurityConfig;
import io.tongxin.security.TokenService;
import io.tongxin.security.TokenService.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Dashboard logins, kept in the database so that every instance sharing it knows them (no JVM
 * memory). A login trades a valid organizer or admin token for a session id; each request presents
 * the id, and the session is good while it has not expired or been ended and the token it was opened
 * with is still valid: revoking that token ends every session opened with it.
 */
@ApplicationScoped
public class DashboardSessions {

    /** A new session: the id for the cookie (shown once, stored hashed) and how long it lasts. */
    public record Opened(String id, Identity identity, Instant expiresAt) {}

    @Inject
    TokenService tokens;

    @Inject
    SecurityConfig security;

    @Inject
    DashboardConfig config;

    @Inject
    Clock clock;

    /** Who a bearer token speaks for, or empty: how the login form and scripts' headers are checked. */
    public Optional<Identity> authenticateToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(tokens.authenticate(token.strip(), bootstrap()));
    }

    /** Opens a session for a token that {@link #authenticateToken} accepted; sweeps finished sessions. */
    @Transactional
    public Opened open(String token, Identity identity) {
        Instant now = clock.instant();
        DashboardSession.delete("expiresAt < ?1 or endedAt is not null", now);
        String id = TokenService.newSecret();
        DashboardSession s = new DashboardSession();
        s.sessionHash = TokenService.hashOf(id);
        s.tokenHash = TokenService.hashOf(token.strip());
        s.createdAt = now;
        s.expiresAt = now.plus(config.sessionTtl());
        s.persist();
        return new Opened(id, identity, s.expiresAt);
    }

    /** Who the session with this id speaks for, or empty (unknown, expired, ended, or its token revoked). */
    @Transactional
    public Optional<Identity> identify(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 200) {
            return Optional.empty();
        }
        DashboardSession s = DashboardSession.<DashboardSession>find("sessionHash", TokenService.hashOf(sessionId))
                .firstResult();
        if (s == null || s.endedAt != null || !clock.instant().isBefore(s.expiresAt)) {
            return Optional.empty();
        }
        return Optional.ofNullable(tokens.authenticateHash(s.tokenHash, bootstrap()));
    }

    /** Ends the session with this id (logout); an unknown id is fine. */
    @Transactional
    public void end(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 200) {
            return;
        }
        DashboardSession.update(
                "endedAt = ?1 where sessionHash = ?2 and endedAt is null",
                clock.instant(),
                TokenService.hashOf(sessionId));
    }

    /** How long a new session lasts ({@code tongxin.dashboard.session-ttl}). */
    public java.time.Duration lifetime() {
        return config.sessionTtl();
    }

    private String bootstrap() {
        return security.adminToken().orElse("");
    }
}
