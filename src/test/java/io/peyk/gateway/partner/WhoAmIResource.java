package io.peyk.gateway.partner;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only partner endpoint: the authenticated partner's name. */
@Path("/v1/_test/whoami")
public class WhoAmIResource {

    private final CurrentPartner current;

    WhoAmIResource(CurrentPartner current) {
        this.current = current;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String whoami() {
        return current.get().name();
    }
}
