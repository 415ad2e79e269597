package aieditor.ingest;

import aieditor.http.CallLimits;
import aieditor.http.LimitedCalls;
import aieditor.pipeline.Jobs;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;

import java.time.Duration;

/**
 * Fetches one feed URL through the fetch-feed route (camel-http, routes/ingest.camel.yaml) holding one of its
 * host's permits, within a deadline for the whole fetch and a cap on the body. A cut-off fetch fails with an
 * {@link aieditor.http.CallCutOff} that says which limit it hit.
 */
public final class FeedFetcher {
    /** Exchange property with the URL the fetch-feed route calls. */
    static final String URL = "feedUrl";

    private final CamelContext context;
    private final LimitedCalls calls;
    private final HostPermits hosts;
    private final Duration deadline;
    private final long maxBytes;
    private volatile ProducerTemplate template;

    public FeedFetcher(CamelContext context, LimitedCalls calls, HostPermits hosts, Duration deadline, long maxBytes) {
        this.context = context;
        this.calls = calls;
        this.hosts = hosts;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    /** The deadline starts once the host's permit is held: waiting for a busy host is not the feed's fault. */
    public byte[] fetch(@ExchangeProperty("source") Source source, @Header(Jobs.JOB_ID) String jobId) throws Exception {
        try (HostPermits.Permit permit = hosts.acquire(source.location());
             CallLimits limits = calls.open(jobId, deadline, maxBytes)) {
            // direct: runs on this thread, the one the limits are open on
            Exchange reply = template().send("direct:fetch-feed", exchange -> exchange.setProperty(URL, source.location()));
            if (reply.getException() != null) {
                throw reply.getException();
            }
            return reply.getMessage().getBody(byte[].class);
        }
    }

    /** An article page as fetched: its bytes, and the Content-Type the server named (may be null). */
    public record Page(byte[] body, String contentType) {
    }

    /**
     * One article page for {@link FullText}, fetched the way feeds are (the fetch-feed route, one of the host's
     * permits) under the page's own deadline and size cap.
     */
    public Page fetchPage(String url, String jobId, Duration pageDeadline, long maxPageBytes) throws Exception {
        try (HostPermits.Permit permit = hosts.acquire(url);
             CallLimits limits = calls.open(jobId, pageDeadline, maxPageBytes)) {
            Exchange reply = template().send("direct:fetch-feed", exchange -> exchange.setProperty(URL, url));
            if (reply.getException() != null) {
                throw reply.getException();
            }
            return new Page(reply.getMessage().getBody(byte[].class),
                    reply.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
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
