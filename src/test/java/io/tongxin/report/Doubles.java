package io.tongxin.report;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/** Reads the reports' fractions as doubles (rest-assured's default, float, would lose digits). */
final class Doubles {

    private Doubles() {}

    static RequestSpecification of(RequestSpecification spec) {
        RestAssuredConfig config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        return spec.config(config);
    }
}
