package aieditor.observe;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * In front of /observe/jolokia: operators with the configured Basic credentials get the full agent; everyone else
 * may only read, and only from this machine. Camel's own agent, restricted by jolokia-access.xml to the same
 * rules, answers those anonymous reads, so the policy holds even where this guard is not consulted.
 */
final class JolokiaGuard implements Handler<RoutingContext> {
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
        } else if (!JolokiaRequests.readOnly(ctx)) {
            refuse(ctx, "Jolokia write and exec requests need credentials.");
        } else {
            ctx.next();
        }
    }

    private void refuse(RoutingContext ctx, String why) {
        // without configured credentials there is nothing to ask for
        if (expected != null) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"ai-editor jolokia\"");
        }
        ctx.response().setStatusCode(expected != null ? 401 : 403).putHeader("Content-Type", "text/plain").end(why);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
