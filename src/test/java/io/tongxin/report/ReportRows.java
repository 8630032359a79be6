package io.tongxin.report;

import io.tongxin.support.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;

/**
 * Known rows for the report tests, written straight into the tables the reports read (the API cannot
 * backdate an opinion or an outbox message), and deleted again by {@link #close()} in reverse order.
 */
final class ReportRows implements AutoCloseable {

    private final DataSource ds;

    private record Undo(String sql, Object key) {}

    private final Deque<Undo> undo = new ArrayDeque<>();
    private final Instant now = Instant.now();

    ReportRows(DataSource ds) {
        this.ds = ds;
    }

    void sector(String code, String name) {
        exec("insert into sector (code, name, created_at, updated_at) values (?, ?, ?, ?)", code, name, now, now);
        undo("delete from sector where code = ?", code);
    }

    void workstation(String code, String name) {
        exec("insert into workstation (code, name, created_at, updated_at) values (?, ?, ?, ?)", code, name, now, now);
        undo("delete from workstation where code = ?", code);
    }

    void community(String code, String name, String workstation) {
        exec(
                "insert into community (code, name, council_name, workstation_code, created_at, updated_at)"
                        + " values (?, ?, '协商议事会', ?, ?, ?)",
                code,
                name,
                workstation,
                now,
                now);
        undo("delete from community where code = ?", code);
    }

    void member(String code, String name, String sector, String workstation) {
        exec(
                "insert into member (code, name, level, sector_code, workstation_code, created_at, updated_at)"
                        + " values (?, ?, 'county', ?, ?, ?, ?)",
                code,
                name,
                sector,
                workstation,
                now,
                now);
        undo("delete from member where code = ?", code);
        undo("delete from api_token where member_code = ?", code); // undone first
    }

    void channel(String key, String name) {
        exec(
                "insert into channel (channel_key, type, name, dry_run, created_at, updated_at)"
                        + " values (?, 'bridge', ?, true, ?, ?)",
                key,
                name,
                now,
                now);
        undo("delete from channel where channel_key = ?", key);
    }

    /** An opinion row as it stands now; its columns are what the report reads. */
    static final class Op {
        String status = "received";
        String assignee;
        String community;
        String workstation;
        String category;
        String categoryName;
        Instant created;
        Instant assigned;
        Instant ackDue;
        Instant acknowledged;
        Instant resolveDue;
        Instant resolved;
        Instant closed;
        Integer satisfaction;
        String upward;

        Op(Instant created) {
            this.created = created;
        }

        Op status(String s) {
            status = s;
            return this;
        }

        Op to(String member) {
            assignee = member;
            return this;
        }

        Op in(String communityCode, String workstationCode) {
            community = communityCode;
            workstation = workstationCode;
            return this;
        }

        Op category(String code, String name) {
            category = code;
            categoryName = name;
            return this;
        }

        Op assigned(Instant at, Instant ackDueAt) {
            assigned = at;
            ackDue = ackDueAt;
            return this;
        }

        Op ackDue(Instant at) {
            ackDue = at;
            return this;
        }

        Op acknowledged(Instant at, Instant resolveDueAt) {
            acknowledged = at;
            resolveDue = resolveDueAt;
            return this;
        }

        Op resolved(Instant at) {
            resolved = at;
            return this;
        }

        Op closed(Instant at, Integer rating) {
            closed = at;
            satisfaction = rating;
            return this;
        }

        Op upward(String u) {
            upward = u;
            return this;
        }
    }

    private int opinions;

    void opinion(Op o) {
        String number = "R" + Long.toString(System.nanoTime() % 100_000_000_000L, 36) + (opinions++);
        exec(
                "insert into opinion (number, status, text, title, category_code, category_name, urgency, complexity,"
                        + " community_code, workstation_code, assignee_code, assigned_at, ack_due_at, resolve_due_at,"
                        + " acknowledged_at, resolved_at, closed_at, satisfaction, upward, created_at, updated_at)"
                        + " values (?, ?, '报表测试', '报表测试', ?, ?, 'normal', 'normal', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?)",
                number,
                o.status,
                o.category,
                o.categoryName,
                o.community,
                o.workstation,
                o.assignee,
                o.assigned,
                o.ackDue,
                o.resolveDue,
                o.acknowledged,
                o.resolved,
                o.closed,
                o.satisfaction,
                o.upward,
                o.created,
                o.created);
        undo("delete from opinion where number = ?", number);
    }

    /** Inserts a row and registers its deletion (for tables this class has no method for). */
    void insert(String sql, String undoSql, Object undoKey, Object... params) {
        exec(sql, params);
        undo(undoSql, undoKey);
    }

    /** A statement whose effect the deletion of the owning rows already undoes. */
    void exec(String sql, Object... params) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                ps.setObject(i + 1, p instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : p);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    long id(String sql, Object... params) {
        try {
            return Rows.first(ds, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void undo(String sql, Object key) {
        undo.push(new Undo(sql, key));
    }

    @Override
    public void close() {
        while (!undo.isEmpty()) {
            Undo u = undo.pop();
            exec(u.sql(), u.key());
        }
    }
}
