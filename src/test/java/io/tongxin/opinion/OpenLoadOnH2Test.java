package io.tongxin.opinion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.directory.Directory;
import io.tongxin.directory.ResidentInfo;
import io.tongxin.opinion.routing.MemberLoads;
import io.tongxin.shared.EmbeddedModeTest;
import io.tongxin.support.Api;
import io.tongxin.support.Rows;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's plain statements in the embedded mode (file H2): a new resident's insert-or-nothing on a
 * connection of its own (auto-commit, outside the caller's transaction), and a member's open load
 * moved on and off their lock row (created on first use), never below zero.
 */
@QuarkusTest
@TestProfile(EmbeddedModeTest.Embedded.class)
class OpenLoadOnH2Test {

    @Inject
    Directory directory;

    @Inject
    MemberLoads loads;

    @Inject
    DataSource ds;

    @Test
    void shouldCreateAResidentOnceAndMoveAnOpenLoadOnH2() throws Exception {
        String key = Webhooks.bridgeChannel(Api.as("embedded-admin-token-0123456789ab"));
        ResidentInfo first =
                QuarkusTransaction.requiringNew().call(() -> directory.findOrCreateResident(key, "wxid_h2load", "张三"));
        ResidentInfo again =
                QuarkusTransaction.requiringNew().call(() -> directory.findOrCreateResident(key, "wxid_h2load", "张三"));
        assertNotNull(first.code());
        assertEquals(first.code(), again.code(), "one resident per identity");
        assertEquals(1, number("select count(*) from resident where channel_key = ?", key));

        String member = Api.uniq("h2m");
        QuarkusTransaction.requiringNew().run(() -> loads.moved(null, member)); // its row is created
        QuarkusTransaction.requiringNew().run(() -> loads.moved(null, member));
        assertEquals(2, number("select open_load from opinion_member_lock where member_code = ?", member));
        assertEquals(
                1,
                number(
                        "select count(*) from opinion_member_lock where member_code = ?"
                                + " and last_assigned_at is not null",
                        member),
                "an assignment marks the last assigned");
        QuarkusTransaction.requiringNew().run(() -> loads.moved(member, null));
        QuarkusTransaction.requiringNew().run(() -> loads.moved(member, null));
        assertEquals(0, number("select open_load from opinion_member_lock where member_code = ?", member));
        assertThrows(
                RuntimeException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> loads.moved(member, null)),
                "never below zero");
        assertEquals(0, number("select open_load from opinion_member_lock where member_code = ?", member));
    }

    private int number(String sql, String param) throws Exception {
        return Rows.number(ds, sql, param);
    }
}
