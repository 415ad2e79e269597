package aieditor.archive;

import aieditor.api.ApiException;
import aieditor.api.ApiSupport;
import aieditor.pipeline.IssueDates;
import aieditor.store.DecoratedStories;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public archive behind routes/archive.camel.yaml (every path under /archive): the list of sent issues, each
 * issue's page and images, and the Atom feed. It is what readers were sent, so it asks for no token and no session;
 * it shows nothing else - an issue not sent yet is not found, whatever its state.
 *
 * <p>Paths are matched as they arrive, undecoded, against fixed patterns: a date, {@code slot-N} image names, and
 * nothing else. A file is read only from the issue's own image folder under a name the pattern allowed, so no path
 * reaches the disk from the request. Pages and the feed carry an ETag (of their bytes) and Last-Modified (when
 * the newest issue on them went out) and answer 304 to a matching conditional GET; a sent issue does not change, so
 * its images are cached for a week.
 */
public final class ArchiveHttp {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveHttp.class);
    /** Issues on a page of the list; the last links to older ones. */
    static final int PAGE_SIZE = 50;
    /** Entries in the feed: the latest issues, as feed readers only look at what is new. */
    static final int FEED_ENTRIES = 20;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern PAGE = Pattern.compile("/archive/(" + DATE + ")(/?)");
    private static final Pattern IMAGE = Pattern.compile("/archive/(" + DATE + ")/images/(slot-[1-9][0-9]?\\.(png|jpg|webp))");
    private static final Pattern DATE_LIKE = Pattern.compile("/archive/([^/]*\\d{4}-[^/]*)(/.*)?");
    private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "webp", "image/webp");
    private static final String HTML = "text/html; charset=utf-8";
    /** No script anywhere; the issue's styles are inline (as in the email) and its images may be hosted over https. */
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
    private static final String LIST_CACHE = "public, max-age=300";
    private static final String ISSUE_CACHE = "public, max-age=3600";
    private static final String IMAGE_CACHE = "public, max-age=604800, immutable";

    private final SentIssues issues;
    private final ArchiveLinks links;
    private final ArchivePages pages;
    private final AtomFeed feed;
    private final String title;
    private final Function<LocalDate, Path> imageFolder;

    /** @param imageFolder where an issue's image files are (ImagesStep writes them there) */
    public ArchiveHttp(NamedParameterJdbcTemplate jdbc, DecoratedStories stories, Function<LocalDate, Path> imageFolder,
                       ArchiveLinks links, String newsletterTitle) {
        this.issues = new SentIssues(jdbc);
        this.links = links;
        this.pages = new ArchivePages(newsletterTitle);
        this.feed = new AtomFeed(newsletterTitle, stories);
        this.title = newsletterTitle;
        this.imageFolder = imageFolder;
    }

    record Reply(int status, String type, byte[] body, String cache, Instant lastModified, String location) {
        static Reply page(String type, String body, String cache, Instant lastModified) {
            return new Reply(200, type, body.getBytes(StandardCharsets.UTF_8), cache, lastModified, null);
        }
    }

    public void handle(Exchange exchange) {
        HttpServerRequest req = exchange.getIn() instanceof HttpMessage m ? m.getRequest() : null;
        if (req == null) {
            throw new IllegalStateException("The archive is served over platform-http (Vert.x) only");
        }
        boolean json = wantsJson(req.getHeader("Accept"));
        Reply reply;
        try {
            reply = route(req);
        } catch (ApiException e) {
            reply = refusal(e.status(), e.getMessage(), json);
        } catch (RuntimeException e) {
            if (ApiSupport.storeUnreachable(e)) {
                LOG.warn("The archive could not reach the store on {}: {}", req.path(), e.getMessage());
                reply = refusal(503, "The archive is unavailable for a moment; try again shortly.", json);
            } else {
                LOG.error("The archive failed on {}: {}", req.path(), e.toString(), e);
                reply = refusal(500, "Something went wrong on our side.", json);
            }
        }
        write(exchange, req, reply);
    }

    private Reply route(HttpServerRequest req) {
        String path = req.path();
        if (path.equals("/archive")) {
            return redirect(links.onPage() + ArchiveLinks.ROOT);
        }
        if (path.equals(ArchiveLinks.ROOT)) {
            return index(req.getParam("before"));
        }
        if (path.equals(ArchiveLinks.FEED)) {
            return feed(req);
        }
        Matcher m;
        if ((m = PAGE.matcher(path)).matches()) {
            LocalDate date = date(m.group(1));
            if (!m.group(2).isEmpty()) {
                return redirect(links.onPage() + ArchiveLinks.page(date));
            }
            SentIssues.Sent sent = issues.find(date).orElseThrow(() -> notSent(date));
            return Reply.page(HTML, IssuePage.render(sent, links, title), ISSUE_CACHE, sent.issue().sentAt());
        }
        if ((m = IMAGE.matcher(path)).matches()) {
            return image(date(m.group(1)), m.group(2), m.group(3));
        }
        if ((m = DATE_LIKE.matcher(path)).matches() && !DATE.matcher(m.group(1)).matches()) {
            throw new ApiException(400, "Not an issue date: the archive's pages are /archive/YYYY-MM-DD");
        }
        throw new ApiException(404, "There is no such page in the archive.");
    }

    private Reply index(String before) {
        LocalDate from = before == null || before.isEmpty() ? null : date(before);
        List<SentIssues.Listed> list = issues.newest(from, PAGE_SIZE + 1);
        LocalDate older = null;
        if (list.size() > PAGE_SIZE) {
            list = list.subList(0, PAGE_SIZE);
            older = list.get(PAGE_SIZE - 1).date();
        }
        Instant newest = list.stream().map(SentIssues.Listed::sentAt).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        return Reply.page(HTML, pages.index(list, older, from == null, links), LIST_CACHE, newest);
    }

    private Reply feed(HttpServerRequest req) {
        String proto = req.getHeader("X-Forwarded-Proto");
        boolean tls = req.isSSL() || (proto != null && proto.strip().equalsIgnoreCase("https"));
        String root = links.absolute(req.getHeader("Host"), tls).orElseThrow(() -> new ApiException(400,
                "The feed's links must be absolute: send a Host header, or set newsletter.public-base-url"));
        List<SentIssues.Listed> list = issues.newest(null, FEED_ENTRIES);
        Instant newest = list.isEmpty() ? null : list.get(0).sentAt();
        return Reply.page(AtomFeed.TYPE, feed.render(list, root), LIST_CACHE, newest);
    }

    private Reply image(LocalDate date, String name, String extension) {
        if (!issues.isSent(date)) {
            throw notSent(date);
        }
        Path folder = imageFolder.apply(date).toAbsolutePath().normalize();
        Path file = folder.resolve(name).normalize();
        try {
            if (!file.getParent().equals(folder) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ApiException(404, "Issue " + date + " has no image " + name + ".");
            }
            return new Reply(200, IMAGE_TYPES.get(extension), Files.readAllBytes(file), IMAGE_CACHE,
                    Files.getLastModifiedTime(file).toInstant(), null);
        } catch (IOException e) {
            throw new ApiException(404, "Issue " + date + " has no image " + name + ".");
        }
    }

    private static ApiException notSent(LocalDate date) {
        return new ApiException(404, "No issue of " + date + " has been sent.");
    }

    private static LocalDate date(String raw) {
        try {
            return IssueDates.parse(raw, "date");
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Not an issue date: " + e.getMessage());
        }
    }

    private Reply redirect(String to) {
        return new Reply(301, "text/plain; charset=utf-8", new byte[0], LIST_CACHE, null, to);
    }

    private Reply refusal(int status, String message, boolean json) {
        if (json) {
            return new Reply(status, "application/json", new JsonObject().put("error", message).encode()
                    .getBytes(StandardCharsets.UTF_8), "no-store", null, null);
        }
        return new Reply(status, HTML, pages.problem(status, message, links).getBytes(StandardCharsets.UTF_8),
                "no-store", null, null);
    }

    /** A script or an API client that asks for JSON gets JSON errors; a browser (text/html or anything) a page. */
    private static boolean wantsJson(String accept) {
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }

    private static void write(Exchange exchange, HttpServerRequest req, Reply reply) {
        var m = exchange.getMessage();
        m.removeHeaders("*");
        // Camel's HTTP header filter drops Cache-Control on the way out: the headers go on the Vert.x response itself
        HttpServerResponse response = ((HttpMessage) exchange.getIn()).getResponse();
        response.putHeader("Cache-Control", reply.cache());
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        if (reply.type().startsWith("text/html")) {
            response.putHeader("Content-Security-Policy", CSP);
        }
        if (reply.location() != null) {
            response.putHeader("Location", reply.location());
        }
        int status = reply.status();
        byte[] body = reply.body();
        if (status == 200) {
            String etag = Validators.etag(body);
            response.putHeader("ETag", etag);
            if (reply.lastModified() != null) {
                response.putHeader("Last-Modified", Validators.httpDate(reply.lastModified()));
            }
            if (Validators.notModified(req.getHeader("If-None-Match"), req.getHeader("If-Modified-Since"), etag,
                    reply.lastModified())) {
                status = 304;
                body = new byte[0];
            }
        }
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, reply.type());
        m.setBody(body);
    }
}
