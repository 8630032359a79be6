package io.tongxin.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A minted bearer token. Only the SHA-256 of the token is stored; the token itself is shown once. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    public String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Role role;

    @Column(name = "member_code", length = 64)
    public String memberCode;

    /** The member row a member token speaks for (the code alone could be reused after a delete). */
    @Column(name = "member_id")
    public Long memberId;

    @Column(nullable = false, length = 200)
    public String label;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** When the token stops working; null for tokens minted before tokens expired (they last until revoked). */
    @Column(name = "expires_at")
    public Instant expiresAt;
}
