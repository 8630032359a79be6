package io.tongxin.security;

import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/** Minting, listing, revoking and checking bearer tokens. */
@ApplicationScoped
public class TokenService {

    /** Who a valid token speaks for; {@code tokenId} is null for the bootstrap admin token. */
    public record Identity(Role role, String memberCode, String label, Long tokenId) {}

    /** A freshly minted token: the only time the secret is returned. */
    public record Minted(long id, String token, Role role, String memberCode, String label, Instant expiresAt) {}

    /** A token as listed: never the secret, never its hash. */
    public record TokenView(
            long id,
            Role role,
            String memberCode,
            String label,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt) {}

    /** Fired in the transaction that mints or revokes a token (the audit trail records it). */
    public record TokenChanged(String action, TokenView before, TokenView after) {}

    @Inject
    Clock clock;

    @Inject
    Instance<MemberExistence> members;

    @Inject
    TokenConfig config;

    @Inject
    Event<TokenChanged> changes;

    @Transactional
    public Identity authenticate(String token, String bootstrapAdminToken) {
        return authenticateHash(TokenHashes.sha256(token), bootstrapAdminToken);
    }

    /**
     * As {@link #authenticate}, by the token's SHA-256 ({@link #hashOf}): what a dashboard session
     * keeps instead of the token, so that every request re-checks it and a revoked token (or a changed
     * bootstrap admin token) ends the session.
     */
    @Transactional
    public Identity authenticateHash(String hash, String bootstrapAdminToken) {
        if (!bootstrapAdminToken.isEmpty() && TokenHashes.sameHash(hash, TokenHashes.sha256(bootstrapAdminToken))) {
            return new Identity(Role.ADMIN, null, "admin", null);
        }
        ApiToken t = ApiToken.find("tokenHash", hash).firstResult();
        if (t == null || t.revokedAt != null) {
            return null;
        }
        if (t.expiresAt != null && !clock.instant().isBefore(t.expiresAt)) {
            return null;
        }
        if (t.role == Role.MEMBER && !stillTheSameMember(t)) {
            t.revokedAt = clock.instant(); // the member is gone or replaced: the token never works again
            return null;
        }
        return new Identity(t.role, t.memberCode, t.role == Role.MEMBER ? t.memberCode : t.label, t.id);
    }

    @Transactional
    public Minted mint(Role role, String memberCode, String label, Duration expiresIn) {
        Duration lifetime = expiresIn == null ? config.defaultLifetime() : expiresIn;
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw ProblemException.invalidField("expiresIn", "must be a positive ISO-8601 duration, e.g. P30D");
        }
        if (lifetime.compareTo(config.maxLifetime()) > 0) {
            throw ProblemException.invalidField(
                    "expiresIn",
                    "may be at most " + config.maxLifetime().toDays() + " days (tongxin.tokens.max-lifetime)");
        }
        OptionalLong memberId = OptionalLong.empty();
        if (role == Role.MEMBER) {
            if (memberCode == null || memberCode.isBlank()) {
                throw ProblemException.invalidField("memberCode", "is required for a member token");
            }
            memberId = members.isResolvable() ? members.get().idOf(memberCode) : OptionalLong.empty();
            if (members.isResolvable() && memberId.isEmpty()) {
                throw ProblemException.invalidField("memberCode", "no member with code '" + memberCode + "'");
            }
        } else if (memberCode != null && !memberCode.isBlank()) {
            throw ProblemException.invalidField("memberCode", "only a member token is bound to a member");
        }
        String token = TokenHashes.newToken();
        ApiToken t = new ApiToken();
        t.tokenHash = TokenHashes.sha256(token);
        t.role = role;
        t.memberCode = role == Role.MEMBER ? memberCode : null;
        t.memberId = memberId.isPresent() ? memberId.getAsLong() : null;
        t.label = label == null || label.isBlank()
                ? role.wire() + (t.memberCode != null ? " " + t.memberCode : "")
                : label.strip();
        t.createdAt = clock.instant();
        t.expiresAt = t.createdAt.plus(lifetime);
        t.persist();
        changes.fire(new TokenChanged("token.mint", null, view(t)));
        return new Minted(t.id, token, t.role, t.memberCode, t.label, t.expiresAt);
    }

    @Transactional
    public ListResult<TokenView> list(Paging page) {
        var q = ApiToken.<ApiToken>findAll(io.quarkus.panache.common.Sort.by("id"));
        List<TokenView> items = q.page(page.page(), page.size()).list().stream()
                .map(TokenService::view)
                .toList();
        return new ListResult<>(items, q.count());
    }

    @Transactional
    public TokenView revoke(long id) {
        ApiToken t = ApiToken.findById(id);
        if (t == null) {
            throw ProblemException.notFound("token", String.valueOf(id));
        }
        if (t.revokedAt == null) {
            TokenView before = view(t);
            t.revokedAt = clock.instant();
            changes.fire(new TokenChanged("token.revoke", before, view(t)));
        }
        return view(t);
    }

    /**
     * Revokes every token of a member row; the directory calls it in the transaction that deletes the
     * member. Returns how many were revoked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int revokeMemberTokens(long memberId) {
        return ApiToken.update("revokedAt = ?1 where memberId = ?2 and revokedAt is null", clock.instant(), memberId);
    }

    /** The SHA-256 (hex) of a token or any other secret of 256 random bits: how it is stored. */
    public static String hashOf(String secret) {
        return TokenHashes.sha256(secret);
    }

    /** A new random secret of 256 bits (URL-safe, prefixed {@code tx_}), as tokens are made. */
    public static String newSecret() {
        return TokenHashes.newToken();
    }

    private boolean stillTheSameMember(ApiToken t) {
        if (!members.isResolvable()) {
            return true;
        }
        OptionalLong current = members.get().idOf(t.memberCode);
        return t.memberId != null && current.isPresent() && current.getAsLong() == t.memberId;
    }

    private static TokenView view(ApiToken t) {
        return new TokenView(t.id, t.role, t.memberCode, t.label, t.createdAt, t.expiresAt, t.revokedAt);
    }

    /**
     * Implemented by the directory so that a member token can only name an existing member, and stops
     * working when that member row is gone (the directory also calls {@link #revokeMemberTokens}).
     */
    public interface MemberExistence {
        /** The id of the member with this code, if there is one. */
        OptionalLong idOf(String memberCode);
    }
}
