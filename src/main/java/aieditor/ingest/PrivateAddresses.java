package aieditor.ingest;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Keeps full-text page fetches on the open internet. An entry's link is the feed's choice, not the operator's: a
 * hostile feed could point it (or a redirect) at a service inside the network the ingest runs in - a database
 * console, a cloud metadata endpoint - and have its answer stored as an article. Every hop of a page fetch is checked
 * before it is made. The host is resolved here and again by the HTTP client, so a name that changes its answer
 * between the two (DNS rebinding) is not caught; feeds themselves are the operator's own list and are not checked.
 */
final class PrivateAddresses {

    private PrivateAddresses() {
    }

    /** Why the URL may not be fetched (its host is private, or unknown), or null when it may. */
    static String refusal(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "it is not a valid URL";
        }
        if (host == null) {
            return "it names no host";
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isPrivate(address)) {
                    return "its host " + host + " is the private address " + address.getHostAddress();
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "its host " + host + " is unknown";
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0.0.0.0/8 "this network", 100.64.0.0/10 carrier-grade NAT, 198.18.0.0/15 benchmarking
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second & 0xfe) == 18);
        }
        // fc00::/7 unique local (the IPv6 private ranges); IPv4-mapped addresses arrive as Inet4Address already
        return a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
    }
}
