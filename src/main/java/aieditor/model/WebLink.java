package aieditor.model;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one definition of a link the pipeline may store or publish: an absolute http or https address with a host.
 * Feeds, hand-written files, Airtable and models can hand us {@code javascript:}, {@code data:}, {@code file:} or
 * garbage, which would run or leak wherever a reader clicks it; ingest refuses such articles, and every output
 * checks again so a row written past ingest (by hand, by an old version) cannot reach a reader either.
 */
public final class WebLink {
    /** Characters browsers percent-encode in a link they follow; none may stand in a URI as they are. */
    private static final String UNSAFE = " \"<>`{}|^";

    private WebLink() {
    }

    /** True when {@link #clean} keeps the link. */
    public static boolean isWeb(String link) {
        return clean(link) != null;
    }

    /**
     * The link, trimmed, when it is an absolute http(s) address with a host, else null. Trimming drops the leading
     * spaces and control characters (U+0001 before "javascript:") browsers would also drop; control characters, tabs or
     * backslashes inside are refused rather than cleaned up, since browsers remove or reinterpret them. Spaces,
     * quotes and the other characters publishers leave in links but a URI may not hold are percent-encoded, as a
     * browser following the link would.
     */
    public static String clean(String link) {
        if (link == null) {
            return null;
        }
        String candidate = encodeUnsafe(link.trim());
        if (candidate.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(candidate);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && (uri.getHost() != null || hasUnicodeHost(uri)) ? candidate : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String encodeUnsafe(String link) {
        StringBuilder out = new StringBuilder(link.length());
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            if (UNSAFE.indexOf(c) >= 0) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // java.net.URI knows only ASCII host names, so an IDN host (bücher.example) parses as a registry authority
    // without a host; it is a host when its ASCII (punycode) form is one
    private static boolean hasUnicodeHost(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return false;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        String port = colon < 0 ? "" : hostAndPort.substring(colon);
        try {
            return new URI("http://" + IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES) + port).getHost() != null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }
}
