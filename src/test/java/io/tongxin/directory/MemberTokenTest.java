package io.tongxin.directory;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A member token speaks for one member row: it dies with it and never passes to a namesake. */
@QuarkusTest
class MemberTokenTest {

    @Inject
    AgroalDataSource db;

    @Test
    void shouldRevokeAMembersTokensWhenTheMemberIsDeleted() throws Exception {
        String sector = Fixtures.sector();
        String code = Fixtures.member(sector);
        String token = Api.mint("member", code);
        Api.as(token).get("/api/opinions").then().statusCode(200);

        admin().delete("/api/members/" + code).then().statusCode(204);

        Api.as(token).get("/api/opinions").then().statusCode(401);
        List<Map<String, Object>> tokens = admin().queryParam("size", 500)
                .get("/api/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("items.findAll { it.memberCode == '" + code + "' }");
        assertEquals(1, tokens.size());
        assertNotNull(tokens.get(0).get("revokedAt"), tokens.toString());

        // a new member with the same code does not inherit the old member's token
        admin().body(Fixtures.member(code, sector)).post("/api/members").then().statusCode(201);
        Api.as(token).get("/api/opinions").then().statusCode(401);
        // a token minted for the new member works
        Api.as(Api.mint("member", code)).get("/api/opinions").then().statusCode(200);
    }

    @Test
    void shouldBindAMemberTokenToTheMembersIdNotOnlyItsCode() throws Exception {
        String sector = Fixtures.sector();
        String code = Fixtures.member(sector);
        int id = admin().body(Map.of("role", "member", "memberCode", code))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .body("token", notNullValue())
                .extract()
                .path("id");
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select t.member_id, m.id from api_token t join member m on m.code = t.member_code where t.id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertEquals(rs.getLong(2), rs.getLong(1));
            }
        }
    }

    @Test
    void shouldRefuseATokenWhoseMemberWasReplacedBehindTheApi() throws Exception {
        // e.g. a member removed and re-created by another path than DELETE /api/members (a seed import)
        String sector = Fixtures.sector();
        String code = Fixtures.member(sector);
        String token = Api.mint("member", code);
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("update api_token set member_id = -1 where member_code = ?")) {
            s.setString(1, code);
            assertEquals(1, s.executeUpdate());
        }
        Api.as(token).get("/api/opinions").then().statusCode(401);
    }
}
