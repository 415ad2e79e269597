package aieditor.http;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;

import java.util.HashMap;
import java.util.Map;

/**
 * Calls the YAML routes that speak to vendors over camel-http. The routes set throwExceptionOnFailure=false, so
 * every status comes back here and the Java client classifies it; only transport failures (refused, timed out)
 * arrive as exceptions.
 */
public final class HttpRoutes {
    private final CamelContext context;
    private volatile ProducerTemplate template;

    public HttpRoutes(CamelContext context) {
        this.context = context;
    }

    /** @param headers HTTP and Camel headers for the call (CamelHttpMethod, Authorization, Content-Type, ...) */
    public HttpReply call(String endpoint, Object body, Map<String, Object> headers) {
        Exchange reply = template().send(endpoint, exchange -> {
            exchange.getMessage().setHeaders(new HashMap<>(headers));
            exchange.getMessage().setBody(body);
        });
        if (reply.getException() != null) {
            throw new RuntimeCamelException("Calling " + endpoint + " failed: " + reply.getException().getMessage(),
                    reply.getException());
        }
        Integer status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        // camel-http puts the response headers among the message's, next to the request's own (Authorization):
        // only the ones the request did not carry are the vendor's
        java.util.Set<String> sent = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        sent.addAll(headers.keySet());
        Map<String, String> replyHeaders = new HashMap<>();
        reply.getMessage().getHeaders().forEach((name, value) -> {
            if (value instanceof String text && !sent.contains(name)) {
                replyHeaders.put(name, text);
            }
        });
        return new HttpReply(status == null ? 0 : status, reply.getMessage().getBody(byte[].class), replyHeaders);
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
