package aieditor.archive;

import aieditor.model.WebLink;

import java.net.URI;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the archive's pages are, from {@code newsletter.public-base-url}. Set, every link is absolute under it: the
 * email's "View in browser", the pages' Open Graph tags, the feed. Empty, mail gets no link (a relative one is dead in
 * a mail client), the pages link root-relative, and the feed - whose links must be absolute - takes the scheme and
 * Host its request came with.
 */
public final class ArchiveLinks {
    static final String ROOT = "/archive/";
    static final String FEED = ROOT + "feed.xml";
    /** A Host header as browsers send it: a name or IPv4 address, or a bracketed IPv6 address, and a port. */
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(?::\\d{1,5})?");

    private final String base;

    private ArchiveLinks(String base) {
        this.base = base;
    }

    /** @throws IllegalArgumentException when the setting is neither empty nor an absolute http(s) URL */
    public static ArchiveLinks of(String publicBaseUrl) {
        String raw = publicBaseUrl == null ? "" : publicBaseUrl.strip();
        if (raw.isEmpty()) {
            return new ArchiveLinks("");
        }
        String clean = WebLink.clean(raw);
        if (clean == null || URI.create(clean).getRawQuery() != null || URI.create(clean).getRawFragment() != null) {
            throw new IllegalArgumentException("newsletter.public-base-url must be empty or an absolute http(s) URL "
                    + "without query or fragment (where readers reach this service), got '" + raw + "'");
        }
        return new ArchiveLinks(clean.replaceAll("/+$", ""));
    }

    /** The email's "View in browser" link, or null without a public address. */
    public String viewInBrowser(LocalDate date) {
        return base.isEmpty() ? null : base + page(date);
    }

    boolean hasPublicBase() {
        return !base.isEmpty();
    }

    /** The prefix of links on a page: the public base, or nothing (root-relative) for a browser. */
    String onPage() {
        return base;
    }

    /**
     * The prefix of links that must be absolute (the feed): the public base, else the request's own origin; empty
     * when the request names no usable Host.
     */
    Optional<String> absolute(String host, boolean tls) {
        if (!base.isEmpty()) {
            return Optional.of(base);
        }
        if (host == null || !HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        return Optional.of((tls ? "https://" : "http://") + host);
    }

    static String page(LocalDate date) {
        return ROOT + date;
    }

    static String image(LocalDate date, String name) {
        return page(date) + "/images/" + name;
    }
}
