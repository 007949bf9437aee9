package io.peyk.gateway.role;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** This instance's place in a deployment ({@code peyk.instance.*}). */
@ConfigMapping(prefix = "peyk.instance")
public interface InstanceConfig {

    /**
     * The work this instance does (env {@code PEYK_INSTANCE_ROLE}): {@code gateway}, {@code billing} or {@code both}, so
     * one image can be scaled as two services.
     */
    @WithDefault("both")
    @WithConverter(RoleConverter.class)
    Role role();

    /** Reads a role through {@link Role#fromWire}, so a wrong value stops the start with the accepted ones named. */
    final class RoleConverter implements Converter<Role> {

        private static final long serialVersionUID = 1L;

        @Override
        public Role convert(String value) {
            return Role.fromWire(value);
        }
    }
}
