package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.support.AlternateSettings;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Routing takes its candidates from the directory's per-instance cache (here an hour long), but what
 * must be exact is read again under the chosen member's lock: a capacity lowered or a leave taken
 * on another instance (written straight to the database, which this instance's cache does not
 * hear of) is respected at once, never the cached figure.
 */
@QuarkusTest
@TestProfile(AlternateSettings.class) // reference data cached for an hour
class CachedCandidatesRoutingTest {

    @Inject
    Fixture fixture;

    @Inject
    DataSource ds;

    @Test
    void shouldRespectCapacityAndLeaveChangedElsewhereWhileTheCandidatesAreCached() throws Exception {
        var w = fixture.world();
        String a = Api.uniq("m-a");
        String b = Api.uniq("m-b");
        fixture.member(w, a, w.sector, w.workstation, Set.of(w.community), 5, null);
        fixture.member(w, b, w.sector, w.workstation, Set.of(w.community), 5, null);
        String first = a.compareTo(b) < 0 ? a : b;
        String second = first.equals(a) ? b : a;
        assigned(Fixture.file(w.keyword + "一", w.community, null, null), first); // the candidates are cached now
        assigned(Fixture.file(w.keyword + "二", w.community, null, null), second);

        // another instance lowers the first member's capacity to the one opinion they have
        write("update member set capacity = 1 where code = ?", first);
        // equal loads: the cache says the least recently assigned (first) has room; under its lock it has none
        assigned(Fixture.file(w.keyword + "三", w.community, null, null), second);
        admin().queryParam("memberCode", first).get("/api/opinions").then().body("total", equalTo(1));

        // and sends the second member on leave: nobody can take the next one
        write("update member set on_leave_until = '" + LocalDate.now().plusDays(30) + "' where code = ?", second);
        admin().get("/api/opinions/" + Fixture.file(w.keyword + "四", w.community, null, null))
                .then()
                .statusCode(200)
                .body("status", equalTo("received"))
                .body("assignee", nullValue())
                .body("routing.rule", equalTo("organizer-queue"));
        admin().queryParam("memberCode", first).get("/api/opinions").then().body("total", equalTo(1));
        admin().queryParam("memberCode", second).get("/api/opinions").then().body("total", equalTo(2));
    }

    private static void assigned(String number, String member) {
        admin().get("/api/opinions/" + number).then().statusCode(200).body("assignee.code", equalTo(member));
    }

    /** A change made on another instance: straight to the database, this instance's caches not told. */
    private void write(String sql, String code) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, code);
            ps.executeUpdate();
        }
    }
}
