package io.peyk.gateway.api;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoints to provoke every kind of refusal. */
@Path("/test-f")
public class JsonTestResource {

    public record Item(String text, int count) {
    }

    public record Envelope(String to, List<Item> messages) {
    }

    @POST
    @Path("/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Envelope echo(Envelope envelope) {
        return envelope;
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret message text 12345");
    }

    @GET
    @Path("/limited")
    public String limited() {
        throw Problems.tooManyRequests(Duration.ofMillis(1500));
    }
}
