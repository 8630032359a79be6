package io.tongxin.bench;

import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * {@code POST /bench/insert}: inserts one row and answers, the baseline for the webhook ingest
 * benchmark (same HTTP stack, same pool, same database). 404 unless {@code tongxin.bench.enabled}.
 */
@Path("/bench/insert")
public class BenchResource {

    @Inject
    BenchConfig config;

    @Inject
    BenchInsert insert;

    @POST
    public Response insert(String body) {
        if (!config.enabled()) {
            throw ProblemException.notFound("endpoint", "/bench/insert");
        }
        insert.one(body == null ? "" : body);
        return Response.ok("success", "text/plain").build();
    }

    /** One row, one statement, auto-commit: the same access path as the webhook's accept. */
    @ApplicationScoped
    public static class BenchInsert {

        @Inject
        DataSource dataSource;

        @Inject
        Clock clock;

        public void one(String payload) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps =
                            c.prepareStatement("insert into bench_row (payload, created_at) values (?, ?)")) {
                ps.setString(1, payload.length() > 200 ? payload.substring(0, 200) : payload);
                ps.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new PersistenceException("bench insert failed", e);
            }
        }
    }
}
