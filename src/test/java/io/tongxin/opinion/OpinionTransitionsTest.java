package io.tongxin.opinion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxin.opinion.dictionary.Classification;
import io.tongxin.opinion.routing.RoutingDecision;
import io.tongxin.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Opinion} state machine without Quarkus or a database: every move from every state, with
 * fixed instants. A legal move lands in the state the diagram says; an illegal one throws an
 * {@link DomainException.Kind#ILLEGAL_TRANSITION} naming the allowed states and changes nothing.
 */
class OpinionTransitionsTest {

    static final Instant T0 = Instant.parse("2026-05-01T01:00:00Z");
    static final Instant T1 = T0.plus(Duration.ofHours(1));

    static final OpinionConfig CONFIG = new OpinionConfig() {
        public Duration ackUrgent() {
            return Duration.ofHours(2);
        }

        public Duration ackNormal() {
            return Duration.ofHours(24);
        }

        public Duration resolveNormal() {
            return Duration.ofDays(7);
        }

        public Duration resolveComplex() {
            return Duration.ofDays(15);
        }

        public Optional<Duration> organizerEscalationAfter() {
            return Optional.empty();
        }

        public Duration autoCloseAfter() {
            return Duration.ofDays(7);
        }

        public Duration reopenWithin() {
            return Duration.ofDays(7);
        }

        public String slaCheckEvery() {
            return "60s";
        }

        public int slaBatchSize() {
            return 200;
        }

        public Optional<String> organizerGroup() {
            return Optional.empty();
        }
    };

    static final Classification PLAIN =
            new Classification("municipal", "市政设施", List.of("s1"), "路灯", false, null, false, null);

    static RoutingDecision to(String member) {
        return new RoutingDecision("area", "serves c1", List.of(), member, "王" + member);
    }

    static final RoutingDecision QUEUE = new RoutingDecision("organizer-queue", "nobody", List.of(), null, null);

    static Opinion received(String number) {
        Opinion o = Opinion.receive(number, "路灯坏了\n细节", PLAIN, null, CONFIG, "organizer", T0);
        o.route(QUEUE, "[]", CONFIG, "router", T0);
        return o;
    }

    /** An opinion brought into {@code s} by legal moves only, assigned to m1 where it has an assignee. */
    static Opinion in(OpinionStatus s) {
        Opinion o = received("2026-000001");
        switch (s) {
            case RECEIVED -> {}
            case REJECTED -> o.reject("不属于受理范围", CONFIG, "organizer", T0);
            case MERGED -> o.mergeInto(received("2026-000002"), CONFIG, "organizer", T0);
            default -> {
                o.assign(to("m1"), "[]", false, CONFIG, "organizer", null, T0);
                if (s == OpinionStatus.ASSIGNED) {
                    break;
                }
                o.acknowledge(CONFIG, "member:m1", T0);
                if (s == OpinionStatus.ACKNOWLEDGED) {
                    break;
                }
                o.note("已联系物业", true, CONFIG, "member:m1", T0);
                if (s == OpinionStatus.IN_PROGRESS) {
                    break;
                }
                o.resolve("已更换灯泡", CONFIG, "member:m1", T0);
                if (s == OpinionStatus.RESOLVED) {
                    break;
                }
                o.close(5, null, CONFIG, "bot", T0);
            }
        }
        assertEquals(s, o.status);
        return o;
    }

    /** A move, what it is called in the refusal ("cannot <verb> opinion ..."), and where a legal one lands. */
    record Move(String name, String verb, BiConsumer<Opinion, Instant> apply) {}

    static final List<Move> MOVES = List.of(
            new Move("route", "route", (o, t) -> o.route(to("m2"), "[]", CONFIG, "router", t)),
            new Move("assign", "assign", (o, t) -> o.assign(to("m2"), "[]", false, CONFIG, "organizer", null, t)),
            new Move("transfer", "transfer", (o, t) -> o.assign(to("m2"), "[]", true, CONFIG, "member:m1", "教育", t)),
            new Move("acknowledge", "acknowledge", (o, t) -> o.acknowledge(CONFIG, "member:m1", t)),
            new Move("note", "add a note to", (o, t) -> o.note("进展", true, CONFIG, "member:m1", t)),
            new Move("resolve", "resolve", (o, t) -> o.resolve("已办结", CONFIG, "member:m1", t)),
            new Move("close", "close", (o, t) -> o.close(null, null, CONFIG, "organizer", t)),
            new Move("rate", "rate", (o, t) -> o.close(4, "好", CONFIG, "bot", t)),
            new Move("reopen", "reopen", (o, t) -> o.reopen("没修好", CONFIG, "organizer", t)),
            new Move("reject", "reject", (o, t) -> o.reject("重复", CONFIG, "organizer", t)),
            new Move("merge", "merge", (o, t) -> o.mergeInto(received("2026-000009"), CONFIG, "organizer", t)));

    static final Set<OpinionStatus> NOT_DONE = EnumSet.of(
            OpinionStatus.RECEIVED, OpinionStatus.ASSIGNED, OpinionStatus.ACKNOWLEDGED, OpinionStatus.IN_PROGRESS);

    /** Where each move is legal from (the Javadoc diagram of {@link Opinion}). */
    static final Map<String, Set<OpinionStatus>> LEGAL_FROM = Map.ofEntries(
            Map.entry("route", EnumSet.of(OpinionStatus.RECEIVED)),
            Map.entry("assign", NOT_DONE),
            Map.entry("transfer", NOT_DONE),
            Map.entry("acknowledge", EnumSet.of(OpinionStatus.ASSIGNED)),
            Map.entry("note", EnumSet.range(OpinionStatus.RECEIVED, OpinionStatus.RESOLVED)),
            Map.entry("resolve", EnumSet.of(OpinionStatus.ACKNOWLEDGED, OpinionStatus.IN_PROGRESS)),
            Map.entry("close", EnumSet.of(OpinionStatus.RESOLVED)),
            Map.entry("rate", EnumSet.of(OpinionStatus.RESOLVED)),
            Map.entry("reopen", EnumSet.of(OpinionStatus.RESOLVED, OpinionStatus.CLOSED)),
            Map.entry("reject", EnumSet.of(OpinionStatus.RECEIVED, OpinionStatus.ASSIGNED)),
            Map.entry("merge", NOT_DONE));

    static OpinionStatus landsIn(String move, OpinionStatus from) {
        return switch (move) {
            case "route", "assign", "transfer", "reopen" -> OpinionStatus.ASSIGNED;
            case "acknowledge" -> OpinionStatus.ACKNOWLEDGED;
            case "note" -> from == OpinionStatus.ACKNOWLEDGED ? OpinionStatus.IN_PROGRESS : from;
            case "resolve" -> OpinionStatus.RESOLVED;
            case "close", "rate" -> OpinionStatus.CLOSED;
            case "reject" -> OpinionStatus.REJECTED;
            case "merge" -> OpinionStatus.MERGED;
            default -> throw new IllegalArgumentException(move);
        };
    }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (OpinionStatus s : OpinionStatus.values()) {
            for (Move m : MOVES) {
                all.add(Arguments.of(s, m.name()));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("matrix")
    void shouldAllowExactlyTheMovesOfTheDiagram(OpinionStatus from, String moveName) {
        Move move = MOVES.stream()
                .filter(m -> m.name().equals(moveName))
                .findFirst()
                .orElseThrow();
        Opinion o = in(from);
        int events = o.history.size();
        if (LEGAL_FROM.get(moveName).contains(from)) {
            move.apply().accept(o, T1);
            assertEquals(landsIn(moveName, from), o.status);
            assertEquals(T1, o.updatedAt);
            assertTrue(o.history.size() > events, "a legal move is recorded in the history");
        } else {
            var e = assertThrows(DomainException.class, () -> move.apply().accept(o, T1));
            assertEquals(DomainException.Kind.ILLEGAL_TRANSITION, e.kind());
            assertTrue(
                    e.getMessage().startsWith("cannot " + move.verb() + " opinion 2026-000001: it is " + from.wire()),
                    e.getMessage());
            assertEquals(from, o.status, "a refused move changes nothing");
            assertEquals(events, o.history.size(), "a refused move records nothing");
        }
    }

    @Test
    void shouldNameTheAllowedStatesInTheRefusal() {
        var e = assertThrows(
                DomainException.class, () -> in(OpinionStatus.RECEIVED).resolve("x", CONFIG, "m", T1));
        assertEquals(
                "cannot resolve opinion 2026-000001: it is received (allowed when acknowledged, in_progress)",
                e.getMessage());
    }

    @Test
    void shouldSetDeadlinesFromTheFixedInstants() {
        Opinion o = in(OpinionStatus.ASSIGNED);
        assertEquals(T0.plus(Duration.ofHours(24)), o.ackDueAt);
        assertEquals(T0.plus(Duration.ofDays(7)), o.resolveDueAt);
        assertEquals(T0.plus(Duration.ofHours(12)), o.slaNextAt, "the first reminder at half the window");
        assertTrue(o.overdue(T0.plus(Duration.ofHours(25))));
        Opinion urgent = Opinion.receive("2026-000003", "漏水", PLAIN, Urgency.URGENT, CONFIG, "organizer", T0);
        assertEquals(T0.plus(Duration.ofHours(2)), urgent.ackDueAt);
        assertTrue(urgent.classificationReason.endsWith("; urgency set to urgent by organizer"));
    }

    @Test
    void shouldNotReopenAfterTheReopenWindow() {
        Opinion o = in(OpinionStatus.CLOSED);
        var e = assertThrows(
                DomainException.class, () -> o.reopen(null, CONFIG, "organizer", T0.plus(Duration.ofDays(8))));
        assertEquals(DomainException.Kind.ILLEGAL_TRANSITION, e.kind());
        assertTrue(e.getMessage().contains("was resolved more than 7 days ago"), e.getMessage());
        assertEquals(OpinionStatus.CLOSED, o.status);
    }

    @Test
    void shouldReopenToTheSameAssigneeClearingTheResolution() {
        Opinion o = in(OpinionStatus.CLOSED);
        o.reopen("没修好", CONFIG, "organizer", T1);
        assertEquals("m1", o.assigneeCode);
        assertNull(o.resolvedAt);
        assertNull(o.satisfaction);
        assertEquals(T1.plus(Duration.ofHours(24)), o.ackDueAt);
    }

    @Test
    void shouldRefuseARejectionWithoutAReason() {
        var e = assertThrows(
                DomainException.class, () -> in(OpinionStatus.RECEIVED).reject(" ", CONFIG, "organizer", T1));
        assertEquals(DomainException.Kind.INVALID_FIELD, e.kind());
        assertEquals("reason", e.field());
    }

    @Test
    void shouldRefuseToPassAnOpinionToItsOwnAssigneeOrToNobody() {
        Opinion o = in(OpinionStatus.ACKNOWLEDGED);
        var same = assertThrows(DomainException.class, () -> o.assign(to("m1"), "[]", true, CONFIG, "m", null, T1));
        assertEquals("opinion 2026-000001 is already assigned to m1", same.getMessage());
        var nobody = assertThrows(DomainException.class, () -> o.assign(QUEUE, "[]", true, CONFIG, "m", null, T1));
        assertEquals(DomainException.Kind.CONFLICT, nobody.kind());
        assertEquals(OpinionStatus.ACKNOWLEDGED, o.status);
    }

    @Test
    void shouldMergeOnlyIntoAnotherOpenOpinionMovingTheSources() {
        Opinion o = in(OpinionStatus.RECEIVED);
        assertThrows(DomainException.class, () -> o.mergeInto(o, CONFIG, "organizer", T1));
        Opinion closed = in(OpinionStatus.CLOSED);
        var e = assertThrows(DomainException.class, () -> o.mergeInto(closed, CONFIG, "organizer", T1));
        assertEquals("opinion 2026-000001 is closed and cannot take merged opinions", e.getMessage());
        Opinion target = received("2026-000005");
        o.sources.add(new OpinionSource());
        o.mergeInto(target, CONFIG, "organizer", T1);
        assertEquals("2026-000005", o.mergedInto);
        assertEquals(1, target.sources.size());
        assertTrue(o.sources.isEmpty());
    }

    @Test
    void shouldReportUpwardOnceThenAdopt() {
        Opinion o = in(OpinionStatus.IN_PROGRESS);
        var early = assertThrows(DomainException.class, () -> o.adopt(null, CONFIG, "organizer", T1));
        assertEquals("opinion 2026-000001 must be reported upward before it can be adopted", early.getMessage());
        o.report(null, "汇总", CONFIG, "organizer", T1);
        assertEquals(Upward.REPORTED, o.upward);
        assertEquals("路灯坏了", o.reportTitle);
        var twice = assertThrows(DomainException.class, () -> o.report("t", null, CONFIG, "organizer", T1));
        assertEquals("opinion 2026-000001 is already reported", twice.getMessage());
        o.adopt("采纳", CONFIG, "organizer", T1);
        assertEquals(Upward.ADOPTED, o.upward);
        var again = assertThrows(DomainException.class, () -> o.adopt(null, CONFIG, "organizer", T1));
        assertTrue(again.getMessage().endsWith("(it is adopted)"), again.getMessage());
        assertEquals(OpinionStatus.IN_PROGRESS, o.status, "the upward pipeline leaves the lifecycle alone");
    }

    @Test
    void shouldNotReportRejectedOrMergedOpinions() {
        for (OpinionStatus s : List.of(OpinionStatus.REJECTED, OpinionStatus.MERGED)) {
            var e = assertThrows(DomainException.class, () -> in(s).report(null, null, CONFIG, "organizer", T1));
            assertEquals("opinion 2026-000001 is " + s.wire() + " and cannot be reported upward", e.getMessage());
        }
    }
}
