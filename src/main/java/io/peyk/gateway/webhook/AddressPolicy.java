package io.peyk.gateway.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses a partner's webhook may reach (server-side request forgery): never the gateway's own host or the
 * operator's internal network unless the operator allows it. Refused: unspecified, loopback, link-local (which holds
 * the cloud metadata endpoints 169.254.169.254 and fd00:ec2::254's neighbours), private (RFC 1918, unique local
 * fc00::/7), carrier-grade NAT (100.64.0.0/10), multicast, and the IPv4 forms inside IPv6 (mapped, compatible, 6to4,
 * NAT64 well-known prefix) of any of these. Host names that name internal things ({@code localhost}, {@code *.local},
 * {@code *.internal}, metadata names) are refused before any lookup. The operator's allowed networks (CIDR) and host
 * names override the refusal.
 */
public final class AddressPolicy {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal",
            "instance-data", "instance-data.ec2.internal");

    private final List<Cidr> allowedNetworks;
    private final Set<String> allowedHosts;
    private final boolean allowPrivate;

    public AddressPolicy(boolean allowPrivate, List<String> allowedNetworks, Set<String> allowedHosts) {
        this.allowPrivate = allowPrivate;
        this.allowedNetworks = allowedNetworks.stream().map(Cidr::parse).toList();
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** True when the operator allowed this host name explicitly (then its addresses are not checked). */
    public boolean hostAllowed(String host) {
        return allowPrivate || allowedHosts.contains(normalise(host));
    }

    /** Why a host name is refused before any lookup, if it is. */
    public Optional<String> refuseName(String host) {
        if (hostAllowed(host)) {
            return Optional.empty();
        }
        String h = normalise(host);
        if (h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")
                || h.endsWith(".localdomain") || METADATA_HOSTS.contains(h)) {
            return Optional.of("host " + h + " names an internal service");
        }
        return Optional.empty();
    }

    /** Why an address is refused, if it is. */
    public Optional<String> refuse(InetAddress address) {
        if (allowPrivate || allowedNetworks.stream().anyMatch(c -> c.contains(address))) {
            return Optional.empty();
        }
        InetAddress a = embeddedIpv4(address).orElse(address);
        String reason = null;
        if (a.isAnyLocalAddress()) {
            reason = "unspecified";
        } else if (a.isLoopbackAddress()) {
            reason = "loopback";
        } else if (a.isLinkLocalAddress()) {
            reason = "link-local (cloud metadata lives here)";
        } else if (a.isSiteLocalAddress() || uniqueLocal(a)) {
            reason = "private network";
        } else if (a.isMulticastAddress()) {
            reason = "multicast";
        } else if (a instanceof Inet4Address && (CGNAT.contains(a) || THIS_NETWORK.contains(a) || RESERVED.contains(a)
                || BENCHMARK.contains(a))) {
            reason = "reserved or shared address space";
        }
        if (reason != null && allowedNetworks.stream().anyMatch(c -> c.contains(a))) {
            return Optional.empty();
        }
        return Optional.ofNullable(reason).map(r -> "address " + address.getHostAddress() + " is " + r);
    }

    private static final Cidr CGNAT = Cidr.parse("100.64.0.0/10");
    private static final Cidr THIS_NETWORK = Cidr.parse("0.0.0.0/8");
    private static final Cidr RESERVED = Cidr.parse("240.0.0.0/4");
    private static final Cidr BENCHMARK = Cidr.parse("198.18.0.0/15");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private static boolean uniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 or 6to4 IPv6 address. */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        byte[] v4 = null;
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        if (zeros && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0
                && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1))))) {
            v4 = new byte[]{b[12], b[13], b[14], b[15]};
        } else if (NAT64.contains(address)) {
            v4 = new byte[]{b[12], b[13], b[14], b[15]};
        } else if (SIX_TO_FOUR.contains(address)) {
            v4 = new byte[]{b[2], b[3], b[4], b[5]};
        }
        if (v4 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** A network in CIDR notation. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String cidr) {
            int slash = cidr.indexOf('/');
            if (!cidr.matches("[0-9a-fA-F:.]+(/[0-9]+)?")) {
                throw new IllegalArgumentException("not a network in CIDR notation: " + cidr);
            }
            try {
                byte[] net = InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
                int prefix = slash < 0 ? net.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > net.length * 8) {
                    throw new IllegalArgumentException("not a network: " + cidr);
                }
                return new Cidr(net, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a network in CIDR notation: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}
