package io.tongxin.shared;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The packaged application's entry point. It only turns off the HTTP layer's own request-target check,
 * which answers a bad percent-escape ({@code /api/%zz}) with an empty 400 before any route runs;
 * {@link HttpErrorProblems} makes the same check and answers problem+json. Tests set the same system
 * property in the build.
 */
@QuarkusMain
public class TongxinMain {

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
