package aieditor.desk;

import aieditor.Application;
import aieditor.fixtures.Http;
import aieditor.fixtures.Network;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The desk's door over real HTTP: sign-in, the session cookie, the rate limit on failures, the anti-forgery checks,
 * the security headers, sign-out, and that a desk session never opens the JSON API.
 */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:desk-security-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data/desk-security", "api.trigger-secret=desk-secret",
        "approval.auto-approve=false", "jobs.poll-period-ms=100", "desk.max-failed-sign-ins=3",
        "desk.sign-in-lockout-seconds=3"})
class DeskSecurityTest {
    private static final int PORT = Network.freePort();
    private static final String ISSUE = "2026-10-06";

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @BeanInject
    CamelContext context;

    private final DeskClient desk = new DeskClient(PORT);

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
    }

    @BeforeEach
    void anIssueAwaitingApproval() {
        jdbc().update("DELETE FROM issues WHERE issue_date = DATE '" + ISSUE + "'");
        jdbc().update("INSERT INTO issues (issue_date, status, subject, preheader, html, text_version, html_bytes, created_at, "
                + "updated_at) VALUES (DATE '" + ISSUE + "', 'awaiting_approval', '<script>alert(1)</script> & more', 'p', "
                + "'<p>x</p>', 'x', 8, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    private String status() {
        return jdbc().queryForObject("SELECT status FROM issues WHERE issue_date = DATE '" + ISSUE + "'", String.class);
    }

    @Test
    void should_send_a_visit_without_a_session_to_the_sign_in_page() throws Exception {
        for (String path : new String[]{"/desk/", "/desk/issues/" + ISSUE, "/desk/jobs"}) {
            HttpResponse<String> r = desk.get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/desk/sign-in?next=");
        }
        assertThat(desk.get("/desk/issues/" + ISSUE, "desk_session=made-up").statusCode()).isEqualTo(303);
        HttpResponse<String> signIn = desk.get("/desk/sign-in", null);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("<label for=\"secret\">Secret</label>")
                .contains("type=\"password\"").contains(">Sign in</button>").contains("<label for=\"name\">Name");
        String csp = signIn.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(signIn.body()).doesNotContain("<script>").doesNotContain(" onclick=").doesNotContain(" style=\"");
        // an action without a session is refused, not performed
        HttpResponse<String> action = desk.post("/desk/issues/" + ISSUE + "/approve", Map.of(), Map.of("Origin", desk.base));
        assertThat(action.statusCode()).isEqualTo(401);
        assertThat(status()).isEqualTo("awaiting_approval");
    }

    @Test
    void should_set_a_strict_http_only_expiring_cookie_secure_behind_tls() throws Exception {
        HttpResponse<String> r = desk.post("/desk/sign-in", Map.of("secret", "desk-secret", "name", "Ann"), Map.of("Origin", desk.base));
        assertThat(r.statusCode()).isEqualTo(303);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("desk_session=").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Path=/desk").contains("; Max-Age=28800").doesNotContain("Secure");

        HttpResponse<String> tls = desk.post("/desk/sign-in", Map.of("secret", "desk-secret"),
                Map.of("Origin", desk.base.replace("http:", "https:"), "X-Forwarded-Proto", "https"));
        assertThat(tls.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");

        // the name is optional; "next" only leads within the desk
        HttpResponse<String> away = desk.post("/desk/sign-in", Map.of("secret", "desk-secret", "next", "//evil.example/x"),
                Map.of("Origin", desk.base));
        assertThat(away.headers().firstValue("Location").orElseThrow()).isEqualTo("/desk/");
        HttpResponse<String> on = desk.post("/desk/sign-in", Map.of("secret", "desk-secret", "next", "/desk/jobs"),
                Map.of("Origin", desk.base));
        assertThat(on.headers().firstValue("Location").orElseThrow()).isEqualTo("/desk/jobs");
    }

    @Test
    void should_refuse_a_wrong_secret_with_an_alert_and_rate_limit_failures() throws Exception {
        HttpResponse<String> wrong = desk.post("/desk/sign-in", Map.of("secret", "guess", "name", "Mallory"), Map.of("Origin", desk.base));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(wrong.body()).contains("<p class=\"problem\" role=\"alert\">That secret is not right.</p>")
                .contains("value=\"Mallory\"");
        desk.post("/desk/sign-in", Map.of("secret", "guess-2"), Map.of("Origin", desk.base));
        desk.post("/desk/sign-in", Map.of("secret", "guess-3"), Map.of("Origin", desk.base));
        // three failures: this address is refused for the lockout, even with the right secret
        HttpResponse<String> locked = desk.post("/desk/sign-in", Map.of("secret", "desk-secret"), Map.of("Origin", desk.base));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(locked.body()).contains("role=\"alert\">Too many failed sign-ins. Try again in");
        // and let in again once the window has passed
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() ->
                desk.post("/desk/sign-in", Map.of("secret", "desk-secret"), Map.of("Origin", desk.base)).statusCode() == 303);
    }

    @Test
    void should_refuse_a_state_changing_request_from_another_origin_or_without_the_token() throws Exception {
        DeskClient.Session s = desk.signIn("desk-secret", "Ann");
        String approve = "/desk/issues/" + ISSUE + "/approve";
        Map<String, String> withToken = Map.of("_csrf", s.csrf());

        HttpResponse<String> crossSite = desk.post(approve, withToken, s.headers("http://evil.example"));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("did not come from the desk").doesNotContain("Exception");
        assertThat(desk.post(approve, withToken, s.headers(null)).statusCode()).as("no Origin, no Referer").isEqualTo(403);
        Map<String, String> referer = new HashMap<>(s.headers(null));
        referer.put("Referer", "http://evil.example/page");
        assertThat(desk.post(approve, withToken, referer).statusCode()).isEqualTo(403);
        assertThat(desk.post(approve, Map.of(), s.headers(desk.base)).statusCode()).as("no token").isEqualTo(403);
        assertThat(desk.post(approve, Map.of("_csrf", "forged"), s.headers(desk.base)).statusCode()).isEqualTo(403);
        DeskClient.Session other = desk.signIn("desk-secret", "Bob");
        assertThat(desk.post(approve, Map.of("_csrf", other.csrf()), s.headers(desk.base)).statusCode())
                .as("another session's token").isEqualTo(403);
        assertThat(status()).isEqualTo("awaiting_approval");

        // the same request from the desk's own page goes through, recorded as by the signed-in editor
        Map<String, String> own = new HashMap<>(s.headers(desk.base));
        own.put("X-CSRF-Token", s.csrf());
        own.put("Accept", "application/json");
        HttpResponse<String> ok = desk.post(approve, Map.of(), own);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("Approved by Ann");
        assertThat(jdbc().queryForObject("SELECT approved_by FROM issues WHERE issue_date = DATE '" + ISSUE + "'", String.class))
                .isEqualTo("Ann");
    }

    @Test
    void should_never_let_a_desk_session_open_the_json_api() throws Exception {
        DeskClient.Session s = desk.signIn("desk-secret", "Ann");
        for (String path : new String[]{"/jobs/queue", "/issues/" + ISSUE, "/dlq"}) {
            HttpResponse<String> r = Http.send(Http.request(desk.base + path).header("Cookie", s.cookie())
                    .header("Origin", desk.base).GET());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> post = Http.send(Http.request(desk.base + "/issues/" + ISSUE + "/approve")
                .header("Cookie", s.cookie()).header("X-CSRF-Token", s.csrf()).header("Origin", desk.base)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(status()).isEqualTo("awaiting_approval");
    }

    @Test
    void should_sign_out_and_escape_everything_it_shows() throws Exception {
        DeskClient.Session s = desk.signIn("desk-secret", "<b>Ann</b>");
        HttpResponse<String> list = desk.get("/desk/", s.cookie());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
                .doesNotContain("<script>alert(1)").contains("Signed in as &lt;b&gt;Ann&lt;/b&gt;");
        assertThat(list.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("no-store");
        assertThat(list.headers().firstValue("X-Frame-Options").orElseThrow()).isEqualTo("DENY");

        HttpResponse<String> out = desk.post("/desk/sign-out", Map.of("_csrf", s.csrf()), s.headers(desk.base));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("desk_session=;").contains("Max-Age=0");
        assertThat(desk.get("/desk/", s.cookie()).statusCode()).isEqualTo(303);
    }
}
