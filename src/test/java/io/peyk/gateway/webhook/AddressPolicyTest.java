package io.peyk.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which webhook addresses the SSRF policy refuses, and the operator's exceptions. */
class AddressPolicyTest {

    private static final AddressPolicy STRICT = new AddressPolicy(false, List.of(), Set.of());

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void internalAddressesAreRefusedWithTheReason() throws Exception {
        for (String refused : List.of("127.0.0.1", "127.5.5.5", "::1", "0.0.0.0", "::", "10.1.2.3", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "100.64.0.1",
                "100.127.255.255", "224.0.0.1", "ff02::1", "240.0.0.1", "198.18.0.1", "0.1.2.3",
                // IPv4 inside IPv6: mapped, compatible, NAT64 and 6to4 forms of internal addresses
                "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1",
                "2002:c0a8:101::1")) {
            assertThat(STRICT.refuse(ip(refused))).as(refused).isPresent();
        }
        assertThat(STRICT.refuse(ip("169.254.169.254")).orElseThrow()).contains("link-local");
        assertThat(STRICT.refuse(ip("127.0.0.1")).orElseThrow()).contains("loopback");
        assertThat(STRICT.refuse(ip("10.0.0.1")).orElseThrow()).contains("private");
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String allowed : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1",
                "100.63.255.255", "192.169.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808",
                "2002:808:808::1")) {
            assertThat(STRICT.refuse(ip(allowed))).as(allowed).isEmpty();
        }
    }

    @Test
    void internalNamesAreRefusedBeforeAnyLookup() {
        for (String name : List.of("localhost", "LOCALHOST.", "api.localhost", "metadata.google.internal", "metadata",
                "db.internal", "printer.local", "box.localdomain")) {
            assertThat(STRICT.refuseName(name)).as(name).isPresent();
        }
        assertThat(STRICT.refuseName("hooks.partner.example")).isEmpty();
    }

    @Test
    void theOperatorsExceptionsOverrideTheRefusal() throws Exception {
        AddressPolicy policy = new AddressPolicy(false, List.of("10.20.0.0/16", "fd00:abcd::/32"),
                Set.of("proxy.internal"));
        assertThat(policy.refuse(ip("10.20.1.1"))).isEmpty();
        assertThat(policy.refuse(ip("10.21.0.1"))).isPresent();
        assertThat(policy.refuse(ip("fd00:abcd::5"))).isEmpty();
        assertThat(policy.refuse(ip("fd00:abce::5"))).isPresent();
        assertThat(policy.refuseName("proxy.internal")).isEmpty();
        assertThat(policy.hostAllowed("PROXY.internal")).isTrue();
        assertThat(policy.refuseName("other.internal")).isPresent();
        AddressPolicy open = new AddressPolicy(true, List.of(), Set.of());
        assertThat(open.refuse(ip("127.0.0.1"))).isEmpty();
        assertThat(open.refuseName("localhost")).isEmpty();
        assertThatThrownBy(() -> new AddressPolicy(false, List.of("10.0.0.0/33"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddressPolicy(false, List.of("not-a-network"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
