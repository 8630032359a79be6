package io.tongxin.bench;

import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

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

    @ApplicationScoped
    public static class BenchInsert {

        @Inject
        EntityManager em;

        @Inject
        Clock clock;

        @Transactional
        public void one(String payload) {
            em.createNativeQuery("insert into bench_row (payload, created_at) values (?1, ?2)")
                    .setParameter(1, payload.length() > 200 ? payload.substring(0, 200) : payload)
                    .setParameter(2, clock.instant()).executeUpdate();
        }
    }
}
