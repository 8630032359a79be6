package io.tongxin.dashboard;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One dashboard login. The browser holds a random id; only its SHA-256 is stored, with the SHA-256 of
 * the bearer token it was opened with, which {@link DashboardSessions} checks again on every request.
 */
@Entity
@Table(name = "dashboard_session")
class DashboardSession extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "session_hash", nullable = false, unique = true, length = 64)
    String sessionHash;

    @Column(name = "token_hash", nullable = false, length = 64)
    String tokenHash;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "ended_at")
    Instant endedAt;
}
