package io.peyk.gateway;

import io.peyk.gateway.embedded.EmbeddedRuntime;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The gateway's entry point ({@code java -jar quarkus-run.jar}, {@code quarkus:dev}): starts the embedded PostgreSQL
 * and Kafka when no external ones are configured, publishes their addresses as system properties, then runs Quarkus.
 */
@QuarkusMain
public final class PeykMain {

    PeykMain() {
    }

    public static void main(String... args) {
        EmbeddedRuntime.startIfMissing(PeykMain.class);
        Quarkus.run(args);
    }
}
