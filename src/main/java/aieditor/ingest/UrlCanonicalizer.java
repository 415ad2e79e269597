package aieditor.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reduces the many spellings of one article link to a single key for dedupe. The result is a comparison key,
 * not a link to publish: it may point at http content via https.
 */
public final class UrlCanonicalizer {

    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "mc_cid", "mc_eid", "ref", "ref_src");

    private UrlCanonicalizer() {
    }

    /** Canonical form of {@code url}; null stays null, and anything unparseable falls back to trimmed lower case. */
    public static String canonical(String url) {
        if (url == null) {
            return null;
        }
        String trimmed = url.trim();
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return trimmed.toLowerCase(Locale.ROOT);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (host.startsWith("www.")) {
                host = host.substring(4);
            }
            // publishers serve the same article on both schemes, so they must collapse to one key
            boolean web = scheme.equals("http") || scheme.equals("https");
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (web && (port == 80 || port == 443));
            StringBuilder out = new StringBuilder(web ? "https" : scheme).append("://").append(host);
            if (!defaultPort) {
                out.append(':').append(port);
            }
            out.append(path(uri.getRawPath()));
            String query = query(uri.getRawQuery());
            if (!query.isEmpty()) {
                out.append('?').append(query);
            }
            return out.toString();
        } catch (URISyntaxException | RuntimeException e) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
    }

    // "/a/b/" and "/a/b" are the same page on every CMS we ingest; the root path becomes empty for the same reason
    private static String path(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    // Sorting makes "?b=2&a=1" and "?a=1&b=2" equal; values keep their original encoding so nothing is lost
    private static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String param : rawQuery.split("&")) {
            String key = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!param.isEmpty() && !key.startsWith("utm_") && !TRACKING.contains(key)) {
                kept.add(param);
            }
        }
        kept.sort(null);
        return String.join("&", kept);
    }
}
