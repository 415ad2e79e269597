package aieditor.desk;

import aieditor.fixtures.Http;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Plain HTTP to the desk as a browser (or a forger) would send it: cookies and Origin by hand, no redirects followed. */
final class DeskClient {
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");

    final String base;

    DeskClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        return Http.send(getRequest(path, cookie));
    }

    /** A GET whose body is bytes (an image), with the session cookie when given. */
    HttpResponse<byte[]> getBytes(String path, String cookie) throws Exception {
        return Http.sendForBytes(getRequest(path, cookie));
    }

    private HttpRequest.Builder getRequest(String path, String cookie) {
        HttpRequest.Builder r = Http.request(base + path).GET();
        if (cookie != null) {
            r.header("Cookie", cookie);
        }
        return r;
    }

    /** A form POST with the given headers (Origin, Cookie, X-CSRF-Token, X-Forwarded-Proto...). */
    HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder r = Http.request(base + path).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(r::header);
        return Http.send(r);
    }

    /** Signs in as {@code name} from the desk's own origin; the session cookie ("desk_session=...") and its token. */
    Session signIn(String secret, String name) throws Exception {
        HttpResponse<String> r = post("/desk/sign-in", Map.of("secret", secret, "name", name), Map.of("Origin", base));
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow(() ->
                new AssertionError("no session cookie: " + r.statusCode() + " " + r.body()));
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> page = get("/desk/", cookie);
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no anti-forgery token on the page: " + page.body());
        }
        return new Session(cookie, m.group(1));
    }

    record Session(String cookie, String csrf) {
        Map<String, String> headers(String origin) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Cookie", cookie);
            if (origin != null) {
                h.put("Origin", origin);
            }
            return h;
        }
    }
}
