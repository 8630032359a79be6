package io.tongxin.security;

import io.tongxin.shared.Problem;
import io.tongxin.shared.ProblemMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/**
 * Counts failed authentications (a bad bearer token, a bad webhook signature) per client address in
 * fixed windows, in PostgreSQL, so the limit holds across instances. Only failures touch the table:
 * a request with a valid token or signature costs nothing here and is never limited. Over
 * {@code tongxin.auth.failure-limit} failures in a window, the next failures of that address are
 * answered 429 with {@code Retry-After} (the seconds left in the window) instead of 401.
 */
@ApplicationScoped
public class AuthFailures {

    /** What one more failure means for its address. */
    public record Verdict(boolean limited, long retryAfterSeconds) {
        static final Verdict ALLOWED = new Verdict(false, 0);
    }

    @Inject
    AuthLimitConfig config;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    /** The client address of a request: the peer, or what a trusted proxy forwarded (see {@link AuthLimitConfig}). */
    public static String addressOf(HttpServerRequest request) {
        if (request == null || request.remoteAddress() == null) {
            return "unknown";
        }
        String host = request.remoteAddress().hostAddress();
        if (host == null) {
            host = request.remoteAddress().host();
        }
        if (host == null || host.isEmpty()) {
            return "unknown";
        }
        return host.length() > 64 ? host.substring(0, 64) : host;
    }

    /** Records one failure of {@code address} and says whether the address is over its limit now. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Verdict failed(String address) {
        int limit = config.failureLimit();
        long window = config.failureWindow().toMillis();
        if (limit <= 0 || window <= 0) {
            return Verdict.ALLOWED;
        }
        long now = clock.millis();
        long start = Math.floorDiv(now, window) * window;
        if (bump(address, start) == 0) {
            // the address's first failure in this window: windows that ended before it go
            em.createNativeQuery("delete from auth_failure where window_start < ?1")
                    .setParameter(1, start - window)
                    .executeUpdate();
            int inserted = em.createNativeQuery("insert into auth_failure (client_address, window_start, failures)"
                            + " values (?1, ?2, 1) on conflict do nothing")
                    .setParameter(1, address)
                    .setParameter(2, start)
                    .executeUpdate();
            if (inserted == 0) {
                bump(address, start); // another instance inserted it first
            }
        }
        Number failures = (Number) em.createNativeQuery(
                        "select failures from auth_failure where client_address = ?1 and window_start = ?2")
                .setParameter(1, address)
                .setParameter(2, start)
                .getSingleResult();
        if (failures.intValue() <= limit) {
            return Verdict.ALLOWED;
        }
        long left = start + window - now;
        return new Verdict(true, Math.max(1, (left + 999) / 1000));
    }

    private int bump(String address, long start) {
        return em.createNativeQuery("update auth_failure set failures = failures + 1"
                        + " where client_address = ?1 and window_start = ?2")
                .setParameter(1, address)
                .setParameter(2, start)
                .executeUpdate();
    }

    /** The 429 answer for a limited address: problem+json with {@code Retry-After}. */
    public static Response tooMany(Verdict verdict, String path) {
        Response r = ProblemMapper.respond(new Problem(
                null,
                "Too Many Requests",
                429,
                "too many failed authentications from this address; retry after " + verdict.retryAfterSeconds() + " s",
                path,
                List.of()));
        return Response.fromResponse(r)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(verdict.retryAfterSeconds()))
                .build();
    }
}
