package org.dealerplatform.gateway.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} the gateway believes (SEC-5), as addresses or CIDR ranges
 * ({@code dealer.gateway.rate-limit.trusted-proxies}). Only literal IP addresses are ever parsed, never host names,
 * so a forged header cannot make the gateway look anything up.
 */
final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((address[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Range> ranges;

    TrustedProxies(List<String> entries) {
        List<Range> parsed = new ArrayList<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            String text = entry.strip();
            int slash = text.indexOf('/');
            byte[] network = literal(slash < 0 ? text : text.substring(0, slash)).orElseThrow(() ->
                    new IllegalArgumentException("dealer.gateway.rate-limit.trusted-proxies: not an IP address or CIDR "
                            + "range: " + entry));
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("dealer.gateway.rate-limit.trusted-proxies: bad prefix in " + entry);
            }
            parsed.add(new Range(network, prefix));
        }
        this.ranges = List.copyOf(parsed);
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean trusts(String address) {
        return literal(address).map(bytes -> ranges.stream().anyMatch(range -> range.contains(bytes))).orElse(false);
    }

    /**
     * The client address a request came from: the TCP peer, unless the peer is a trusted proxy; then the
     * {@code X-Forwarded-For} entries are walked from the right (the ones the trusted proxies added) and the first
     * address that is no trusted proxy is the client. Malformed entries end the walk at the last trusted hop.
     */
    String clientAddress(String peer, List<String> forwardedFor) {
        if (peer == null || !trusts(peer) || forwardedFor == null) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop).isEmpty()) {
                return client;
            }
            client = hop;
            if (!trusts(hop)) {
                return client;
            }
        }
        return client;
    }

    /** The bytes of a literal IPv4 or IPv6 address; empty for anything else (no name is ever resolved). */
    static Optional<byte[]> literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        var v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(bytes);
        }
        if (IPV6.matcher(text).matches()) {
            try {
                return Optional.of(InetAddress.getByName(text).getAddress()); // contains ':': parsed, never resolved
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
