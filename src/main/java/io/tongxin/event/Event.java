package io.tongxin.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A consultation meeting, a public-welfare class or an announcement. Its sessions, quotas and
 * reminder offsets live here; registrations, invitees, confirmations and reminders are rows of
 * their own (they change often and concurrently). Sign-ups lock this row ({@code PESSIMISTIC_WRITE})
 * so capacity and quotas hold under concurrency, also across instances.
 *
 * <pre>
 * draft -> published -> finished (after its last session)
 * draft | published -> cancelled
 * </pre>
 */
@Entity
@Table(name = "event")
public class Event extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, length = 64)
    public String code;

    @Convert(converter = EventKind.DbConverter.class)
    @Column(nullable = false, length = 16)
    public EventKind kind;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(length = 4000)
    public String description;

    @Column(length = 200)
    public String organizer;

    /** The default venue; a session may have its own (a class taught at several campuses). */
    @Column(length = 200)
    public String venue;

    @Convert(converter = EventStatus.DbConverter.class)
    @Column(nullable = false, length = 16)
    public EventStatus status = EventStatus.DRAFT;

    /** Places in all (0 = unlimited). */
    @Column(nullable = false)
    public int capacity;

    /** Registration window; null opensAt = from publishing, null closesAt = until the first session starts. */
    @Column(name = "opens_at")
    public Instant opensAt;

    @Column(name = "closes_at")
    public Instant closesAt;

    /** ISO-8601 durations before each session, comma-separated ({@code PT24H,PT2H}). */
    @Column(name = "reminder_offsets", nullable = false, length = 200)
    public String reminderOffsets = "PT24H,PT2H";

    /** Whether workstations and councils are asked to confirm they passed the invitation on. */
    @Column(nullable = false)
    public boolean confirm = true;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "cancel_reason", length = 1000)
    public String cancelReason;

    /** When a meeting was closed with its minutes; null until then. */
    @Column(name = "closed_at")
    public Instant closedAt;

    /** A meeting's minutes (纪要), recorded when it is closed. */
    @Column(length = 8000)
    public String minutes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    @OneToMany(mappedBy = "event", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("number")
    public List<EventSession> sessions = new ArrayList<>();

    /** Places per community code (optional). */
    @ElementCollection
    @CollectionTable(name = "event_quota", joinColumns = @JoinColumn(name = "event_id"))
    @MapKeyColumn(name = "community_code")
    @Column(name = "places")
    public Map<String, Integer> quotas = new LinkedHashMap<>();

    /** The reminder offsets as durations, in the order stored. */
    public List<Duration> offsets() {
        if (reminderOffsets == null || reminderOffsets.isBlank()) {
            return List.of();
        }
        return Arrays.stream(reminderOffsets.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Duration::parse)
                .toList();
    }

    /** The sessions not cancelled, in order. */
    public List<EventSession> scheduledSessions() {
        return sessions.stream()
                .filter(s -> s.status == SessionStatus.SCHEDULED)
                .toList();
    }

    /** Locks the event row for a sign-up or a change (capacity and quotas hold across instances). */
    public static Event lockByCode(String code) {
        return Event.<Event>find("code", code)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }
}
