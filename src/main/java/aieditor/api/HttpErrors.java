package aieditor.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.json.JsonObject;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.main.MainHttpServer;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The answers of the service's one port when no route takes a request: a path nobody serves (404), a method the path
 * does not take (405, with {@code Allow}), a body of a type it does not take (415). The HTTP server's own answers
 * are HTML pages, which an operator's script cannot read; these are the control API's {@code {"error": "..."}}.
 */
public final class HttpErrors implements StartupListener {
    private static final String GUIDE = "; see /openapi.json";
    private static final int LAST = Integer.MAX_VALUE;

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null || server.getRouter() == null) {
            return;
        }
        Router router = server.getRouter();
        PlatformHttpComponent http = context.getComponent("platform-http", PlatformHttpComponent.class);
        // error handlers of this router are not asked (the server's own router, which mounts it, answers first), so
        // the answer is a route of its own after every other: a request reaches it only when none took it
        router.route().order(LAST).handler(rc -> {
            Set<String> allowed = allowed(http, rc.request().path());
            if (allowed.isEmpty()) {
                answer(rc, 404, "No endpoint " + rc.request().method() + " " + rc.request().path() + GUIDE);
            } else if (allowed.contains(rc.request().method().name())) {
                // the endpoint takes the method: what it did not take is the body's type (curl -d sends a form)
                answer(rc, 415, rc.request().path() + " takes a body of Content-Type application/json, got '"
                        + rc.request().getHeader(HttpHeaders.CONTENT_TYPE) + "'" + GUIDE);
            } else {
                rc.response().putHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
                answer(rc, 405, rc.request().path() + " does not take " + rc.request().method() + "; it takes "
                        + String.join(", ", allowed) + GUIDE);
            }
        });
    }

    /** The methods the service's endpoints take on a path, their templates' {params} matching one segment each. */
    static Set<String> allowed(PlatformHttpComponent http, String path) {
        Set<String> verbs = new TreeSet<>();
        for (HttpEndpointModel endpoint : http.getHttpEndpoints()) {
            String template = Pattern.quote(endpoint.getUri()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            if (endpoint.getVerbs() != null && Pattern.matches(template, path)) {
                Arrays.stream(endpoint.getVerbs().split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(verbs::add);
            }
        }
        return verbs;
    }

    private static void answer(RoutingContext rc, int status, String message) {
        if (rc.response().ended()) {
            return;
        }
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}
