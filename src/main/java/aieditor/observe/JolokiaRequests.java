package aieditor.observe;

import io.vertx.ext.web.RoutingContext;

/** Where a Jolokia request's path is in a Vert.x request. */
final class JolokiaRequests {
    private JolokiaRequests() {
    }

    /** The request path below /observe/jolokia, as Jolokia expects it. */
    static String pathInfo(RoutingContext ctx) {
        String rest = ctx.pathParam("*");
        return rest == null || rest.isEmpty() ? "/" : rest.startsWith("/") ? rest : "/" + rest;
    }
}
