package io.tongxin.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** rest-assured entry points with the test profile's bootstrap admin token. */
public final class Api {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

    private Api() {}

    public static RequestSpecification admin() {
        return as(ADMIN_TOKEN);
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON)
                .accept(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A code no other test uses, so tests never depend on each other's data. */
    public static String uniq(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Mints a token with the given role (and member code for members) and returns the secret. */
    public static String mint(String role, String memberCode) {
        var body = new java.util.HashMap<String, Object>();
        body.put("role", role);
        if (memberCode != null) {
            body.put("memberCode", memberCode);
        }
        return admin().body(body)
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }
}
