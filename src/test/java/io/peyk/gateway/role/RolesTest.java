package io.peyk.gateway.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which work each role does, how a role is read from configuration, and which paths only the gateway serves. */
class RolesTest {

    @Test
    void gatewayDoesGatewayWorkOnly() {
        Roles roles = Roles.of(Role.GATEWAY);
        assertThat(roles.role()).isEqualTo(Role.GATEWAY);
        assertThat(roles.gateway()).isTrue();
        assertThat(roles.billing()).isFalse();
    }

    @Test
    void billingDoesBillingWorkOnly() {
        Roles roles = Roles.of(Role.BILLING);
        assertThat(roles.role()).isEqualTo(Role.BILLING);
        assertThat(roles.gateway()).isFalse();
        assertThat(roles.billing()).isTrue();
    }

    @Test
    void bothDoesEverything() {
        Roles roles = Roles.of(Role.BOTH);
        assertThat(roles.role()).isEqualTo(Role.BOTH);
        assertThat(roles.gateway()).isTrue();
        assertThat(roles.billing()).isTrue();
    }

    @Test
    void everyRoleDoesSomeWork() {
        for (Role role : Role.values()) {
            Roles roles = Roles.of(role);
            assertThat(roles.gateway() || roles.billing()).as(role.wire()).isTrue();
        }
    }

    @Test
    void aRoleIsRequired() {
        assertThatThrownBy(() -> Roles.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wireValuesAreTheDocumentedOnes() {
        assertThat(List.of(Role.values()).stream().map(Role::wire).toList()).containsExactly("gateway", "billing", "both");
        for (Role role : Role.values()) {
            assertThat(Role.fromWire(role.wire())).isEqualTo(role);
        }
    }

    @Test
    void wireValuesIgnoreCaseAndSurroundingBlanks() {
        assertThat(Role.fromWire("BILLING")).isEqualTo(Role.BILLING);
        assertThat(Role.fromWire(" Gateway ")).isEqualTo(Role.GATEWAY);
    }

    @Test
    void unknownValuesAreRefusedNamingTheAcceptedOnes() {
        for (String wrong : new String[]{"", "worker", "gateway,billing", "GATEWAY_BILLING", "bothh"}) {
            assertThatThrownBy(() -> Role.fromWire(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[gateway, billing, both]");
        }
        assertThatThrownBy(() -> Role.fromWire(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongWrongValueIsCutInTheMessage() {
        assertThatThrownBy(() -> Role.fromWire("x".repeat(10_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x".repeat(40) + "…").message().hasSizeLessThan(200);
    }

    @Test
    void theConverterReadsWireValues() {
        InstanceConfig.RoleConverter converter = new InstanceConfig.RoleConverter();
        assertThat(converter.convert("billing")).isEqualTo(Role.BILLING);
        assertThatThrownBy(() -> converter.convert("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMessagingApiAndDeviceSocketAreGatewayOnly() {
        for (String path : List.of("/v1/messages", "/v1/messages/", "/v1/messages/batch",
                "/v1/messages/0190a8c2-0000-7000-8000-000000000000", "/v1/devices/connect", "/v1/devices/connect/")) {
            assertThat(GatewayOnlyRoutes.servedOnlyByGateway(path)).as(path).isTrue();
        }
    }

    @Test
    void billingReadsOperationsAndAdminAreServedOnEveryRole() {
        for (String path : List.of("/v1/finance/balances", "/v1/usage", "/v1/statements/2026-11", "/v1/devices/tokens",
                "/v1/messagesx", "/v1/devices/connector", "/v1", "/", "/q/health/ready", "/q/metrics",
                "/admin/v1/partners", "/v2/messages")) {
            assertThat(GatewayOnlyRoutes.servedOnlyByGateway(path)).as(path).isFalse();
        }
    }
}
