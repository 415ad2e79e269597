package aieditor.ingest;

import aieditor.http.CallLimits;
import aieditor.http.LimitedCalls;
import aieditor.pipeline.JobHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Fetches one feed URL through the fetch-feed route (camel-http, routes/ingest.camel.yaml) holding one of its
 * host's permits, within a deadline for the whole fetch and a cap on the body. A cut-off fetch fails with an
 * {@link aieditor.http.CallCutOff} that says which limit it hit. Every fetch is polite ({@link Politeness}): it
 * names us, asks only for a changed feed, and keeps away from a host that asked for a pause.
 */
public final class FeedFetcher {
    /** Exchange property with the URL the fetch-feed route calls. */
    static final String URL = "feedUrl";
    /** Exchange property saying whether the fetch-feed route follows redirects itself. */
    static final String FOLLOW_REDIRECTS = "followRedirects";
    /** Redirects one page fetch follows at most, each hop checked (browsers stop at about 20; pages need few). */
    static final int MAX_PAGE_HOPS = 5;

    private final CamelContext context;
    private final LimitedCalls calls;
    private final HostPermits hosts;
    private final Politeness politeness;
    private final Duration deadline;
    private final long maxBytes;
    private volatile ProducerTemplate template;

    public FeedFetcher(CamelContext context, LimitedCalls calls, HostPermits hosts, Politeness politeness,
                       Duration deadline, long maxBytes) {
        this.context = context;
        this.calls = calls;
        this.hosts = hosts;
        this.politeness = politeness;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    /** What a server answered: its status and reason, the headers we act on, and the body (null for a 304). */
    public record Reply(int status, String reason, byte[] body, String etag, String lastModified, String retryAfter,
                        String contentType, String location) {
    }

    /**
     * The feed's body, or null when the server says our copy is current (304); the visit gets the status, the new
     * validators and any pause the host asked for.
     */
    public byte[] fetch(@ExchangeProperty("source") Source source, @ExchangeProperty(SourceVisit.PROPERTY) SourceVisit visit,
                        @Header(JobHeaders.JOB_ID) String jobId) throws Exception {
        Reply reply = get(source.location(), visit.previous(), visit, jobId, deadline, maxBytes, true);
        if (reply.status() == 304) {
            visit.status("304 not modified");
            return null;
        }
        if (reply.etag() != null || reply.lastModified() != null) {
            visit.received(new SourceVisit.Validators(reply.etag(), reply.lastModified()));
        }
        return reply.body();
    }

    /** An OPML list or any other document: the same politeness, no validators kept. */
    public byte[] fetchDocument(String url, String jobId) throws Exception {
        return get(url, SourceVisit.Validators.NONE, null, jobId, deadline, maxBytes, true).body();
    }

    /**
     * One polite GET: a 2xx or a 304 comes back, anything else fails with a message for the source's problem list. A
     * 429/503 with a Retry-After is remembered for the host; a short one (ingest.max-retry-after-seconds) is waited
     * once and the call made again, outside the host's permit and the call limits, so the wait holds neither.
     *
     * @param visit     gets the status and the host's pause; may be null
     * @param redirects whether the HTTP client follows redirects; when not, a 3xx with a Location comes back
     */
    Reply get(String url, SourceVisit.Validators held, SourceVisit visit, String jobId, Duration callDeadline,
              long maxCallBytes, boolean redirects) throws Exception {
        boolean waited = false;
        while (true) {
            Instant notBefore = politeness.notBefore(url);
            if (notBefore != null) {
                if (waited || !politeness.worthWaiting(notBefore)) {
                    if (visit != null) {
                        visit.notBefore(notBefore);
                    }
                    throw new FeedException("not fetched: its host asked not to be fetched again before " + notBefore);
                }
                politeness.waitUntil(notBefore);
                waited = true;
                continue;
            }
            Reply reply = send(url, held, jobId, callDeadline, maxCallBytes, redirects);
            if (visit != null) {
                visit.status(Integer.toString(reply.status()));
            }
            if (reply.status() / 100 == 2 || reply.status() == 304
                    || (!redirects && reply.status() / 100 == 3 && reply.location() != null)) {
                return reply;
            }
            if (reply.status() == 429 || reply.status() == 503) {
                Instant until = politeness.backOff(url, reply.status(), reply.retryAfter());
                if (until != null) {
                    if (!waited && politeness.worthWaiting(until)) {
                        politeness.waitUntil(until);
                        waited = true;
                        continue;
                    }
                    if (visit != null) {
                        visit.notBefore(until);
                    }
                    throw new FeedException("HTTP " + reply.status() + (reply.retryAfter() == null
                            ? " without Retry-After: its host is not fetched again before "
                            : ": the host asks not to be fetched again before ") + until);
                }
            }
            throw new FeedException("HTTP " + reply.status() + (reply.reason() == null ? "" : " " + reply.reason()) + " from " + url);
        }
    }

    // the deadline starts once the host's permit is held: waiting for a busy host is not the feed's fault
    private Reply send(String url, SourceVisit.Validators held, String jobId, Duration callDeadline, long maxCallBytes,
                       boolean redirects) throws Exception {
        try (HostPermits.Permit permit = hosts.acquire(url);
             CallLimits limits = calls.open(jobId, callDeadline, maxCallBytes)) {
            // direct: runs on this thread, the one the limits are open on
            Exchange reply = template().send("direct:fetch-feed", exchange -> {
                exchange.setProperty(URL, url);
                exchange.setProperty(FOLLOW_REDIRECTS, redirects);
                exchange.getMessage().getHeaders().putAll(politeness.requestHeaders(held));
            });
            if (reply.getException() != null) {
                throw reply.getException();
            }
            Message answer = reply.getMessage();
            Integer status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            int code = status == null ? 200 : status;
            return new Reply(code, answer.getHeader(Exchange.HTTP_RESPONSE_TEXT, String.class),
                    code == 304 ? null : answer.getBody(byte[].class), answer.getHeader("ETag", String.class),
                    answer.getHeader("Last-Modified", String.class), answer.getHeader("Retry-After", String.class),
                    answer.getHeader(Exchange.CONTENT_TYPE, String.class), answer.getHeader("Location", String.class));
        }
    }

    /** An article page as fetched: its bytes, and the Content-Type the server named (may be null). */
    public record Page(byte[] body, String contentType) {
    }

    /**
     * One article page for {@link FullText}, fetched the way feeds are (politely, one of the host's permits) under
     * the page's own deadline and size cap; a page that is not a 2xx fails like a feed would.
     *
     * Redirects are followed here, one hop at a time, so that each hop can be checked.
     *
     * @param publicOnly every hop (the page and each redirect) must be on a public address ({@link PrivateAddresses})
     */
    public Page fetchPage(String url, String jobId, Duration pageDeadline, long maxPageBytes, boolean publicOnly)
            throws Exception {
        String hop = url;
        for (int hops = 0; ; hops++) {
            String refusal = publicOnly ? PrivateAddresses.refusal(hop) : null;
            if (refusal != null) {
                throw new FeedException("not fetched: " + refusal + " (ingest.full-text.private-hosts is off)");
            }
            Reply reply = get(hop, SourceVisit.Validators.NONE, null, jobId, pageDeadline, maxPageBytes, false);
            if (reply.status() / 100 != 3) {
                return new Page(reply.body(), reply.contentType());
            }
            if (hops == MAX_PAGE_HOPS) {
                throw new FeedException("not fetched: more than " + MAX_PAGE_HOPS + " redirects from " + url);
            }
            try {
                hop = URI.create(hop).resolve(reply.location().trim()).toString();
            } catch (IllegalArgumentException e) {
                throw new FeedException("HTTP " + reply.status() + " to a Location that is not a URL: " + reply.location());
            }
        }
    }

    // created on first use: the producer template needs a started context, and the beans are built before it starts
    private ProducerTemplate template() {
        if (template == null) {
            synchronized (this) {
                if (template == null) {
                    template = context.createProducerTemplate();
                }
            }
        }
        return template;
    }
}
