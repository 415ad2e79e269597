package aieditor.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/** Reads a Jolokia request the way the agent will: its path (GET, or the p parameter) or its JSON body (POST). */
final class JolokiaRequests {
    private static final Set<String> READ_TYPES = Set.of("read", "list", "search", "version");
    private static final ObjectMapper JSON = new ObjectMapper();

    private JolokiaRequests() {
    }

    /** The request path below /observe/jolokia, as Jolokia expects it. */
    static String pathInfo(RoutingContext ctx) {
        String rest = ctx.pathParam("*");
        return rest == null || rest.isEmpty() ? "/" : rest.startsWith("/") ? rest : "/" + rest;
    }

    /** Whether every request in it only reads; anything unreadable counts as a write. */
    static boolean readOnly(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.GET) {
            // Jolokia also takes the request path from the query parameter p
            String path = ctx.queryParams().contains("p") ? ctx.queryParams().get("p") : pathInfo(ctx);
            path = path.replaceFirst("^/+", "");
            return path.isEmpty() || READ_TYPES.contains(path.split("/", 2)[0].toLowerCase());
        }
        try {
            JsonNode body = JSON.readTree(ctx.body().asString());
            for (JsonNode request : body.isArray() ? body : JSON.createArrayNode().add(body)) {
                if (!READ_TYPES.contains(request.path("type").asText("").toLowerCase())) {
                    return false;
                }
            }
            return !body.isEmpty();
        } catch (Exception e) {
            return false;
        }
    }
}
