package hub.gateway.adapter.http;

import hub.gateway.application.port.out.WebhookDestinations;
import io.helidon.webclient.spi.DnsResolver;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhook URLs the gateway will post to (contract §7). The point is to keep a client from aiming the
 * gateway at its own network (SSRF): the database, the metadata service of the cloud it runs in, a
 * neighbour's admin port. Every address the host resolves to is checked, because a resolver may hand out
 * any of them; one bad address refuses the URL.
 */
final class WebhookUrlPolicy implements WebhookDestinations {
    /** The name lookup, replaceable in tests; the real one is the system resolver. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final List<String> SCHEMES = List.of("http", "https");

    private final boolean allowPrivate;
    private final Resolver resolver;

    WebhookUrlPolicy(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    WebhookUrlPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    @Override
    public Optional<String> problemWith(String url) {
        return problemWithUrl(url).or(() -> problemWithHost(parse(url).orElseThrow().getHost()));
    }

    /** The URL's own form, judged without resolving its host. */
    Optional<String> problemWithUrl(String url) {
        Optional<URI> uri = parse(url);
        if (uri.isEmpty()) {
            return Optional.of("The webhook URL is not a valid URL.");
        }
        String scheme = uri.get().getScheme() == null ? "" : uri.get().getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return Optional.of("The webhook URL must use http or https.");
        }
        String host = uri.get().getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("The webhook URL must name a host.");
        }
        // Credentials in a URL end up in logs and proxies; a webhook authenticates by its signature instead.
        if (uri.get().getRawUserInfo() != null) {
            return Optional.of("The webhook URL must not contain a user name or password.");
        }
        return Optional.empty();
    }

    private Optional<String> problemWithHost(String host) {
        try {
            checkedAddresses(host);
            return Optional.empty();
        } catch (RefusedDestination refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /**
     * The DNS resolver of the webhook sender's HTTP client (contract §10, "webhook destinations are pinned"): the
     * host is resolved once, when the client connects, every address of the answer is judged, and the connection
     * goes to one of the addresses judged — there is no second look-up that a rebinding DNS could answer
     * differently. The address keeps the host's name, so TLS still sends and verifies that name.
     *
     * @throws RefusedDestination when the host cannot be resolved or resolves to an address not allowed
     */
    DnsResolver pinnedResolver() {
        return (host, lookup) -> {
            InetAddress[] allowed = checkedAddresses(host);
            InetAddress[] preferred = lookup.filter(allowed);
            InetAddress chosen = preferred.length > 0 ? preferred[0] : allowed[0];
            try {
                return InetAddress.getByAddress(host, chosen.getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a resolved address always has a valid length", e);
            }
        };
    }

    /** Every address {@code host} resolves to, when all of them are allowed. */
    private InetAddress[] checkedAddresses(String host) {
        InetAddress[] addresses;
        try {
            // A literal address (IPv4, or IPv6 in brackets) is parsed here without any network traffic.
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new RefusedDestination("The webhook URL's host cannot be resolved.");
        }
        if (addresses == null || addresses.length == 0) {
            throw new RefusedDestination("The webhook URL's host cannot be resolved.");
        }
        if (!allowPrivate) {
            Optional<String> forbidden = Arrays.stream(addresses)
                    .map(WebhookUrlPolicy::forbiddenKind)
                    .flatMap(Optional::stream)
                    .findFirst();
            if (forbidden.isPresent()) {
                throw new RefusedDestination("The webhook URL resolves to a " + forbidden.get() + " address, which is not allowed.");
            }
        }
        return addresses;
    }

    /** A destination the policy does not allow; the message says why, without quoting the URL. */
    static final class RefusedDestination extends RuntimeException {
        RefusedDestination(String reason) {
            super(reason, null, false, false);
        }
    }

    private static Optional<URI> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(url.strip()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** What kind of non-public address this is, or empty for a public one. */
    static Optional<String> forbiddenKind(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            Optional<InetAddress> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return forbiddenKind(embedded.get());
            }
        }
        if (isMetadata(b)) {
            return Optional.of("cloud metadata");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address.isSiteLocalAddress() || isUniqueLocal(b) || isCarrierGradeNat(b) || isThisNetworkOrBroadcast(b)) {
            return Optional.of("private");
        }
        return Optional.empty();
    }

    /** 169.254.169.254 (AWS, GCP, Azure...) and AWS's IPv6 fd00:ec2::254. */
    private static boolean isMetadata(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254;
        }
        byte[] awsV6 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
        return Arrays.equals(b, awsV6);
    }

    /** fc00::/7, IPv6's private range, which {@link InetAddress#isSiteLocalAddress()} does not cover. */
    private static boolean isUniqueLocal(byte[] b) {
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10: shared address space behind carrier NAT, often a provider's internal network. */
    private static boolean isCarrierGradeNat(byte[] b) {
        return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }

    /** 0.0.0.0/8 reaches the local host on Linux; 255.255.255.255 is the local broadcast. */
    private static boolean isThisNetworkOrBroadcast(byte[] b) {
        return b.length == 4 && (b[0] == 0 || Arrays.equals(b, new byte[] {-1, -1, -1, -1}));
    }

    /**
     * An IPv4 address hidden in an IPv6 one (IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}),
     * which the network may route to the IPv4 host: judged as that host. IPv4-mapped addresses need no case
     * here, Java already returns them as {@link Inet4Address}.
     */
    private static Optional<InetAddress> embeddedIpv4(byte[] b) {
        boolean compatible = allZero(b, 0, 12) && !allZero(b, 12, 16);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
        if (!compatible && !nat64) {
            return Optional.empty();
        }
        // ::1 is IPv6 loopback, not the IPv4 address 0.0.0.1; leave it to the IPv6 checks.
        if (compatible && allZero(b, 12, 15)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
