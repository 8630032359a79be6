package io.tongxin.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Sliding-window send limits shared by all instances. Each send to a rate-limited target first
 * reserves a slot: the target's {@code outbox_rate_key} row is locked (so instances take turns),
 * the slots used in each window are counted, and a slot is recorded if every window has room.
 * Otherwise the answer is when the oldest slot leaves the window; the message waits until then.
 */
@ApplicationScoped
public class RateLimiter {

    /** At most {@code count} sends per {@code window}. */
    public record Limit(int count, Duration window) {}

    @Inject
    EntityManager em;

    /**
     * Parses {@code "20/1m"}, {@code "30/1m,1000/1h"}, {@code "5/30s"}, {@code "100/PT2H"}; {@code none}
     * (or empty) means no limit.
     */
    public static List<Limit> parse(String spec) {
        List<Limit> limits = new ArrayList<>();
        if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("none")) {
            return limits;
        }
        for (String item : spec.split(",")) {
            String[] p = item.strip().split("/");
            if (p.length != 2) {
                throw new IllegalArgumentException("rate limit '" + item + "' must look like 20/1m");
            }
            int count = Integer.parseInt(p[0].strip());
            Duration window = duration(p[1].strip());
            if (count < 1 || window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("rate limit '" + item + "' must be positive");
            }
            limits.add(new Limit(count, window));
        }
        return limits;
    }

    private static Duration duration(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("window '" + s + "' must end in s, m, h or d");
        };
    }

    /**
     * Takes a send slot for {@code rateKey} at {@code now} if all limits allow it.
     *
     * @return empty when the slot was taken; otherwise the instant the limits allow the next send
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Instant> reserve(String rateKey, List<Limit> limits, Instant now) {
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        return em.unwrap(Session.class).doReturningWork(c -> {
            if (c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
                // A slot lost in a database crash only lets one extra message through: no need to wait for fsync.
                try (var st = c.createStatement()) {
                    st.execute("set local synchronous_commit = off");
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("insert into outbox_rate_key (rate_key) values (?) on conflict do nothing")) {
                ps.setString(1, rateKey);
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("select rate_key from outbox_rate_key where rate_key = ? for update")) {
                ps.setString(1, rateKey);
                ps.executeQuery().close();
            }
            Instant freeAt = null;
            Duration longest = Duration.ZERO;
            for (Limit l : limits) {
                longest = l.window().compareTo(longest) > 0 ? l.window() : longest;
                OffsetDateTime since = now.minus(l.window()).atOffset(ZoneOffset.UTC);
                long used;
                try (PreparedStatement ps =
                        c.prepareStatement("select count(*) from outbox_rate_event where rate_key = ? and at > ?")) {
                    ps.setString(1, rateKey);
                    ps.setObject(2, since);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        used = rs.getLong(1);
                    }
                }
                if (used >= l.count()) {
                    try (PreparedStatement ps = c.prepareStatement("select at from outbox_rate_event "
                            + "where rate_key = ? and at > ? order by at limit 1 offset ?")) {
                        ps.setString(1, rateKey);
                        ps.setObject(2, since);
                        ps.setLong(3, used - l.count());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            Instant free = rs.getObject(1, OffsetDateTime.class)
                                    .toInstant()
                                    .plus(l.window());
                            freeAt = freeAt == null || free.isAfter(freeAt) ? free : freeAt;
                        }
                    }
                }
            }
            if (freeAt != null) {
                return Optional.of(freeAt);
            }
            try (PreparedStatement ps =
                    c.prepareStatement("delete from outbox_rate_event where rate_key = ? and at <= ?")) {
                ps.setString(1, rateKey);
                ps.setObject(2, now.minus(longest).atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("insert into outbox_rate_event (rate_key, at) values (?, ?)")) {
                ps.setString(1, rateKey);
                ps.setObject(2, now.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return Optional.empty();
        });
    }
}
