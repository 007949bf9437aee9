package io.peyk.gateway.role;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The work this instance does, as its components ask it: each component that runs in the background checks
 * {@link #gateway()} or {@link #billing()} before it starts (both are true for {@link Role#BOTH}). Logged once at startup.
 */
@ApplicationScoped
public class Roles {

    private static final Logger LOG = Logger.getLogger(Roles.class);

    private final Role role;

    @Inject
    Roles(InstanceConfig config) {
        this(config.role());
    }

    Roles(Role role) {
        if (role == null) {
            throw new IllegalArgumentException("role must be given");
        }
        this.role = role;
    }

    /** The roles of an instance configured with {@code role} (for code outside CDI, such as tests). */
    public static Roles of(Role role) {
        return new Roles(role);
    }

    public Role role() {
        return role;
    }

    /** Whether this instance does the gateway's work (partner messaging API, dispatcher, SMPP, webhooks, app channel). */
    public boolean gateway() {
        return role.gateway();
    }

    /** Whether this instance does the billing worker's work (metering, rating, posting). */
    public boolean billing() {
        return role.billing();
    }

    void log(@Observes StartupEvent event) {
        LOG.infof("Instance role: %s (peyk.instance.role); gateway work %s, billing work %s", role.wire(),
                gateway() ? "on" : "off", billing() ? "on" : "off");
    }
}
