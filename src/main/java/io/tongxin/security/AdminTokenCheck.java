package io.tongxin.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refuses to start with a bootstrap admin token shorter than {@code tongxin.tokens.admin-token-min-length}
 * (32 characters): it is the one secret that is not random, and anyone who guesses it is an admin.
 */
@ApplicationScoped
public class AdminTokenCheck {

    @Inject
    SecurityConfig security;

    @Inject
    TokenConfig tokens;

    void check(@Observes StartupEvent start) {
        String token = security.adminToken().orElse("");
        String problem = problem(token, tokens.adminTokenMinLength());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** Why {@code token} may not be the bootstrap admin token, or null if it may (empty: no bootstrap admin). */
    static String problem(String token, int minLength) {
        if (token.isEmpty() || token.strip().length() >= minLength) {
            return null;
        }
        return "TONGXIN_ADMIN_TOKEN (tongxin.admin-token) is " + token.strip().length()
                + " characters long; it must be at least " + minLength
                + " (e.g. `openssl rand -base64 33`), or unset for no bootstrap admin";
    }
}
