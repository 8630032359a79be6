package io.tongxin.outbox.senders;

import io.tongxin.outbox.OutboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.hibernate.Session;

/**
 * Platform access tokens shared by every instance through the database. The token row is locked
 * while it is read, so when it must be fetched one instance calls the platform and the others
 * wait and then read the new value (calling {@code gettoken} too often gets an app blocked). A
 * token is used until {@code tongxin.outbox.token-refresh-margin} before it expires, and is
 * dropped early when the platform says it is no longer valid.
 */
@ApplicationScoped
public class AccessTokens {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    OutboxConfig config;

    /** A token as the platform issued it. */
    public record Issued(String token, long expiresInSeconds) {}

    /** The platform refused to issue a token; {@link #result()} says whether that may pass. */
    public static final class Refused extends Exception {

        private final SendResult result;

        public Refused(SendResult result) {
            super(result.code(), null, false, false);
            this.result = result;
        }

        public SendResult result() {
            return result;
        }

        /** What the platform said, for logs and recorded errors. */
        public String detail() {
            return result.detail();
        }
    }

    /** Calls the platform's token endpoint. */
    @FunctionalInterface
    public interface Fetch {
        Issued fetch() throws Refused;
    }

    /**
     * The current token for {@code tokenKey}, fetched if there is none, it is about to expire, or
     * the credentials changed since it was fetched.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String current(String tokenKey, String credentials, Fetch fetch) throws Refused {
        String hash = sha256(credentials);
        Session s = em.unwrap(Session.class);
        s.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into outbox_access_token (token_key) values (?) on conflict do nothing")) {
                ps.setString(1, tokenKey);
                ps.executeUpdate();
            }
        });
        Object[] row = s.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select access_token, expires_at, credential_hash "
                    + "from outbox_access_token where token_key = ? for update")) {
                ps.setString(1, tokenKey);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Object[] {rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3)};
                }
            }
        });
        Instant now = clock.instant();
        String token = (String) row[0];
        OffsetDateTime expires = (OffsetDateTime) row[1];
        if (token != null
                && expires != null
                && hash.equals(row[2])
                && expires.toInstant().minus(config.tokenRefreshMargin()).isAfter(now)) {
            return token;
        }
        Issued issued = fetch.fetch();
        Instant expiresAt = now.plusSeconds(issued.expiresInSeconds());
        s.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update outbox_access_token set access_token = ?, "
                    + "expires_at = ?, fetched_at = ?, credential_hash = ? where token_key = ?")) {
                ps.setString(1, issued.token());
                ps.setObject(2, expiresAt.atOffset(ZoneOffset.UTC));
                ps.setObject(3, now.atOffset(ZoneOffset.UTC));
                ps.setString(4, hash);
                ps.setString(5, tokenKey);
                ps.executeUpdate();
            }
        });
        return issued.token();
    }

    /**
     * Forgets {@code rejected} after the platform refused it, unless another instance has already
     * replaced it (then the newer token stays).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void invalidate(String tokenKey, String rejected) {
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update outbox_access_token set access_token = null, "
                    + "expires_at = null where token_key = ? and access_token = ?")) {
                ps.setString(1, tokenKey);
                ps.setString(2, rejected);
                ps.executeUpdate();
            }
        });
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
