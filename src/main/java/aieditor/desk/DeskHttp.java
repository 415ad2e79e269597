package aieditor.desk;

import aieditor.api.ApiException;
import io.vertx.core.http.HttpServerRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The desk's HTTP side, behind routes/desk.camel.yaml (every path under /desk): sessions, the anti-forgery checks
 * and the security headers, then the page or action. Pages are {@link DeskPages}; what they change is done by the
 * same services as the REST API's (IssueEditor, IssueApprovals, JobsApi, OpsApi).
 *
 * <p>What protects it: a page or action needs a session cookie (HttpOnly, SameSite=Strict, Secure behind TLS, with
 * an expiry); without one a page shows the sign-in and an action is refused. Every POST must come from the desk's own
 * origin (Origin, else Referer, equal to the Host it was sent to) and carry the session's token (X-CSRF-Token or the
 * form's _csrf). The session cookie is scoped to /desk and the JSON API never reads it: only its bearer token
 * opens the API. The Content-Security-Policy allows scripts and styles from the desk's own files only.
 */
public final class DeskHttp {
    private static final Logger LOG = LoggerFactory.getLogger(DeskHttp.class);
    static final String COOKIE = "desk_session";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /** The preview is the email as sent: its inline styles are the email's; it runs no script at all. */
    static final String PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
    private static final Pattern STATIC = Pattern.compile("/desk/static/([a-z0-9-]+\\.(css|js))");
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "png", "image/png");

    /** The largest form the desk takes: three bullets and a headline are far below it. */
    static final int MAX_FORM_BYTES = 65_536;

    private final DeskSessions sessions;
    private final DeskPages pages;

    DeskHttp(DeskSessions sessions, DeskPages pages) {
        this.sessions = sessions;
        this.pages = pages;
    }

    /** One request: who asks, what for, and the answer with the desk's headers. */
    record Request(String method, String path, Map<String, String> query, Map<String, String> form, String host,
                   boolean tls, String origin, String referer, String csrfHeader, boolean wantsJson, String cookie,
                   String address) {
        String origin(boolean asTls) {
            return (asTls ? "https://" : "http://") + host;
        }
    }

    record Reply(int status, String type, byte[] body, Map<String, String> headers) {
        static Reply html(int status, Template.Safe page) {
            return new Reply(status, "text/html; charset=utf-8", page.html().getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        }

        static Reply redirect(String to) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Location", to);
            return new Reply(303, "text/plain; charset=utf-8", new byte[0], h);
        }

        static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        }

        Reply with(String header, String value) {
            headers.put(header, value);
            return this;
        }
    }

    public void handle(Exchange exchange) {
        Request request;
        try {
            request = read(exchange);
        } catch (ApiException e) {
            write(exchange, Reply.json(e.status(), "{\"error\": " + jsonString(e.getMessage()) + "}"));
            return;
        }
        Reply reply;
        try {
            reply = route(request);
        } catch (ApiException e) {
            reply = refusal(request, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("The desk failed on {} {}: {}", request.method(), request.path(), e.toString(), e);
            reply = refusal(request, 500, "Something went wrong on the desk; see the service log.");
        }
        write(exchange, reply);
    }

    private Reply route(Request r) {
        String path = r.path();
        if (path.equals("/desk")) {
            return Reply.redirect("/desk/");
        }
        Matcher asset = STATIC.matcher(path);
        if (asset.matches() && r.method().equals("GET")) {
            return asset(asset.group(1), asset.group(2));
        }
        if (path.equals("/desk/sign-in")) {
            return r.method().equals("POST") ? signIn(r) : Reply.html(200, pages.signIn(null, next(r.query().get("next")), null));
        }
        Optional<DeskSessions.Session> session = sessions.find(cookie(r.cookie()));
        if (session.isEmpty()) {
            if (r.method().equals("GET") && !r.wantsJson()) {
                return Reply.redirect("/desk/sign-in?next=" + java.net.URLEncoder.encode(path, StandardCharsets.UTF_8));
            }
            throw new ApiException(401, "Sign in to the desk first");
        }
        if (r.method().equals("POST")) {
            refuseForgery(r, session.get());
            if (path.equals("/desk/sign-out")) {
                sessions.signOut(session.get().id());
                return Reply.redirect("/desk/sign-in").with("Set-Cookie", cookie("", 0, r.tls()));
            }
            return pages.act(r, session.get());
        }
        if (!r.method().equals("GET")) {
            throw new ApiException(405, "The desk answers GET and POST only");
        }
        return pages.page(r, session.get());
    }

    private Reply signIn(Request r) {
        if (!sameOrigin(r)) {
            throw new ApiException(403, "Refused: a sign-in must come from the desk's own page");
        }
        if (!sessions.open()) {
            return Reply.html(503, pages.signIn("The desk is closed: TRIGGER_SECRET is not set on the service.", next(r.form().get("next")), null));
        }
        Optional<Long> wait = sessions.lockedOut(r.address());
        if (wait.isPresent()) {
            LOG.warn("Desk sign-in refused for {}: too many failed attempts.", r.address());
            return Reply.html(429, pages.signIn("Too many failed sign-ins. Try again in " + wait.get() + " s.",
                    next(r.form().get("next")), r.form().get("name"))).with("Retry-After", String.valueOf(wait.get()));
        }
        String name = r.form().getOrDefault("name", "").strip();
        Optional<DeskSessions.Session> s = sessions.signIn(r.form().get("secret"), name.isEmpty() ? "editor" : name, r.address());
        if (s.isEmpty()) {
            LOG.warn("Desk sign-in failed for {}: wrong secret.", r.address());
            return Reply.html(401, pages.signIn("That secret is not right.", next(r.form().get("next")), name));
        }
        LOG.info("Desk: {} signed in.", s.get().actor());
        return Reply.redirect(next(r.form().get("next")))
                .with("Set-Cookie", cookie(s.get().id(), sessions.lifetime().toSeconds(), r.tls()));
    }

    /** Only the desk's own pages may change anything: same origin, and the session's token. */
    private void refuseForgery(Request r, DeskSessions.Session s) {
        if (!sameOrigin(r)) {
            LOG.warn("Desk: refused a cross-site {} {} (Origin {}).", r.method(), r.path(), r.origin());
            throw new ApiException(403, "Refused: the request did not come from the desk's own pages");
        }
        String token = r.csrfHeader() != null ? r.csrfHeader() : r.form().get("_csrf");
        if (!DeskSessions.tokenMatches(s, token)) {
            throw new ApiException(403, "Refused: the page's anti-forgery token is missing or out of date; reload the page");
        }
    }

    private static boolean sameOrigin(Request r) {
        if (r.host() == null) {
            return false;
        }
        String from = r.origin();
        if (from == null || from.equals("null")) {
            if (r.referer() == null) {
                return false;
            }
            try {
                URI u = URI.create(r.referer());
                from = u.getScheme() + "://" + u.getRawAuthority();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return from.equalsIgnoreCase(r.origin(r.tls()));
    }

    /** Where to go after signing in: a desk path only, never another site. */
    static String next(String next) {
        return next != null && next.startsWith("/desk/") && !next.startsWith("//") && !next.contains("\\")
                && next.chars().allMatch(c -> c > 32 && c < 127) ? next : "/desk/";
    }

    private static String cookie(String value, long maxAge, boolean tls) {
        return COOKIE + "=" + value + "; Path=/desk; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }

    static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=")) {
                return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    private Reply refusal(Request r, int status, String message) {
        if (r.wantsJson() || r.method().equals("POST") && r.csrfHeader() != null) {
            return Reply.json(status, "{\"error\": " + jsonString(message) + "}");
        }
        return Reply.html(status, pages.problem(status, message));
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static Reply asset(String name, String ext) {
        try (InputStream in = DeskHttp.class.getResourceAsStream("/desk/static/" + name)) {
            if (in == null) {
                throw new ApiException(404, "No such file");
            }
            return new Reply(200, TYPES.get(ext), in.readAllBytes(), new LinkedHashMap<>()).with("Cache-Control", "no-cache");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Request read(Exchange exchange) {
        HttpServerRequest req = exchange.getIn() instanceof HttpMessage m ? m.getRequest() : null;
        if (req == null) {
            throw new IllegalStateException("The desk is served over platform-http (Vert.x) only");
        }
        String length = req.getHeader("Content-Length");
        if (length != null && length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) > MAX_FORM_BYTES) {
            throw new ApiException(413, "Request body over " + MAX_FORM_BYTES + " bytes");
        }
        Map<String, String> form = new LinkedHashMap<>();
        req.formAttributes().forEach(e -> form.putIfAbsent(e.getKey(), e.getValue()));
        if (form.isEmpty() && req.method().name().equals("POST")) {
            String body = exchange.getIn().getBody(String.class);
            if (body != null && !body.isBlank() && !body.strip().startsWith("{")) {
                form.putAll(parse(body));
            }
        }
        String proto = req.getHeader("X-Forwarded-Proto");
        boolean tls = req.isSSL() || (proto != null && proto.strip().equalsIgnoreCase("https"));
        String accept = req.getHeader("Accept");
        String address = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
        return new Request(req.method().name(), req.path(), parse(req.query()), form, req.getHeader("Host"), tls,
                req.getHeader("Origin"), req.getHeader("Referer"), req.getHeader("X-CSRF-Token"),
                accept != null && accept.contains("application/json"), req.getHeader("Cookie"), address);
    }

    static Map<String, String> parse(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isBlank()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "Malformed form or query field '" + k + "'");
            }
        }
        return out;
    }

    private static void write(Exchange exchange, Reply reply) {
        var m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        m.setHeader(Exchange.CONTENT_TYPE, reply.type());
        boolean preview = reply.headers().containsKey("X-Desk-Preview");
        reply.headers().remove("X-Desk-Preview");
        m.setHeader("Content-Security-Policy", preview ? PREVIEW_CSP : CSP);
        m.setHeader("X-Content-Type-Options", "nosniff");
        m.setHeader("X-Frame-Options", preview ? "SAMEORIGIN" : "DENY");
        m.setHeader("Referrer-Policy", "same-origin");
        // Camel's HTTP header filter drops Cache-Control on the way out: it goes on the Vert.x response itself
        String cache = reply.headers().containsKey("Cache-Control") ? reply.headers().remove("Cache-Control") : "no-store";
        if (exchange.getIn() instanceof HttpMessage http) {
            http.getResponse().putHeader("Cache-Control", cache);
        }
        reply.headers().forEach(m::setHeader);
        m.setBody(reply.body());
    }
}
