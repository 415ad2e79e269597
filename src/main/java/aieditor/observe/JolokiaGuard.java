package aieditor.observe;

import aieditor.observe.ObserveAccess.Caller;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jolokia.server.core.request.JolokiaRequest;

import java.util.List;

/**
 * In front of /observe/jolokia: operators with the configured Basic credentials get the full agent; anonymous
 * callers from a trusted address get the readers' agent for what {@link ObserveAccess} lets them do (reads, and
 * the read-only operations Hawtio needs); anything else is refused with 401 (403 where nobody has credentials),
 * which is what makes Hawtio ask for a login. Camel's own agent, restricted by jolokia-access.xml to reads from
 * this machine, is what answers should this guard not be mounted.
 */
final class JolokiaGuard implements Handler<RoutingContext> {
    private final ObserveAccess access;
    private final JolokiaAgent reader;
    private final Handler<RoutingContext> readerCalls;
    private final Handler<RoutingContext> operatorCalls;

    /** The calls handlers run the agents off the event loop: an MBean operation may take its time. */
    JolokiaGuard(ObserveAccess access, JolokiaAgent reader, Handler<RoutingContext> readerCalls,
            Handler<RoutingContext> operatorCalls) {
        this.access = access;
        this.reader = reader;
        this.readerCalls = readerCalls;
        this.operatorCalls = operatorCalls;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.POST) {
            ctx.response().setStatusCode(405).putHeader("Allow", "GET, POST")
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(new JsonObject().put("error", "Jolokia takes GET and POST requests.").encode());
            return;
        }
        Caller caller = access.caller(ctx.request());
        switch (caller) {
            case OPERATOR -> operatorCalls.handle(ctx);
            case LOCAL -> asReader(ctx);
            case REMOTE -> access.refuse(ctx, caller, access.strangerRefusal("Jolokia"));
            case WRONG_CREDENTIALS -> access.refuse(ctx, caller, "");
        }
    }

    private void asReader(RoutingContext ctx) {
        List<JolokiaRequest> requests;
        try {
            requests = reader.parse(ctx);
        } catch (Exception e) {
            // not a request the agent can read: it says so, in words
            readerCalls.handle(ctx);
            return;
        }
        String refusal = access.refusalForReader(requests);
        if (refusal == null) {
            readerCalls.handle(ctx);
        } else {
            access.refuse(ctx, Caller.LOCAL, refusal);
        }
    }
}
