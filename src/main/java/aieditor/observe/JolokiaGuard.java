package aieditor.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;

/**
 * In front of /observe/jolokia: operators with the configured Basic credentials get the full agent; everyone else
 * may only read, and only from this machine. Camel's own agent, restricted by jolokia-access.xml to the same
 * rules, answers those anonymous reads, so the policy holds even where this guard is not consulted.
 */
final class JolokiaGuard implements Handler<RoutingContext> {
    private static final Set<String> READ_TYPES = Set.of("read", "list", "search", "version");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] expected;
    private final Handler<RoutingContext> operator;

    /** With a blank username or password nobody is an operator: remote and write access are refused. */
    JolokiaGuard(String username, String password, Handler<RoutingContext> operator) {
        this.expected = username.isBlank() || password.isBlank() ? null
                : ("Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.UTF_8);
        this.operator = operator;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null) {
            if (expected != null && MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
                operator.handle(ctx);
            } else {
                refuse(ctx, "Wrong Jolokia credentials.");
            }
        } else if (ctx.request().remoteAddress() == null || !isLoopback(ctx.request().remoteAddress().host())) {
            refuse(ctx, "Jolokia answers anonymous requests from this machine only; send credentials.");
        } else if (!readOnly(ctx)) {
            refuse(ctx, "Jolokia write and exec requests need credentials.");
        } else {
            ctx.next();
        }
    }

    /** The request path below /observe/jolokia, as Jolokia expects it. */
    static String pathInfo(RoutingContext ctx) {
        String rest = ctx.pathParam("*");
        return rest == null || rest.isEmpty() ? "/" : rest.startsWith("/") ? rest : "/" + rest;
    }

    private void refuse(RoutingContext ctx, String why) {
        // without configured credentials there is nothing to ask for
        if (expected != null) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"ai-editor jolokia\"");
        }
        ctx.response().setStatusCode(expected != null ? 401 : 403).putHeader("Content-Type", "text/plain").end(why);
    }

    private static boolean readOnly(RoutingContext ctx) {
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

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
