package io.tongxin.opinion;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One history entry of an opinion: what happened, who did it, when, and a note. */
@Entity
@Table(name = "opinion_event")
public class OpinionEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "opinion_event_id")
    @SequenceGenerator(name = "opinion_event_id", sequenceName = "opinion_event_id_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "opinion_id")
    public Opinion opinion;

    /** created, routed, assigned, acknowledged, note, transferred, reminded, escalated, resolved, rated, closed, reopened, merged, rejected, reported, adopted. */
    @Column(nullable = false, length = 16)
    public String type;

    @Column(nullable = false, length = 200)
    public String actor;

    @Column(nullable = false)
    public Instant at;

    @Column(length = 4000)
    public String note;
}
