package io.tongxin.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One session of an event, numbered from 1; its {@code code} is {@code <event code>-<number>}, so
 * attendance and reminders are per session. A null venue means the event's venue.
 */
@Entity
@Table(name = "event_session")
public class EventSession extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    public Event event;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false, unique = true, length = 80)
    public String code;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(length = 200)
    public String venue;

    @Convert(converter = SessionStatus.DbConverter.class)
    @Column(nullable = false, length = 16)
    public SessionStatus status = SessionStatus.SCHEDULED;

    /** The venue this session takes place at: its own, else the event's. */
    public String venueOrDefault() {
        return venue != null ? venue : event.venue;
    }
}
