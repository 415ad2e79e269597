package aieditor.desk;

import aieditor.fixtures.ApiClient;
import aieditor.fixtures.ChildJvm;
import aieditor.fixtures.Http;
import aieditor.fixtures.ModelCall;
import aieditor.fixtures.NeedsPrograms;
import aieditor.fixtures.Network;
import aieditor.fixtures.Programs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The editor's desk in a real browser (Debian's Chromium, driven by Playwright for Java) against a real
 * {@code serve} in its own JVM: sign-in, a refused secret, a visit without a session, an edited headline seen in the
 * preview and then in the sent .eml, a replaced story, a regenerated slot, approval, a cross-site POST refused, and the
 * jobs page following a running job's progress. Decoration and bolding go to a fake Anthropic (DeskModel), so a job can
 * be held half-way. Writes the README's screenshots to target/desk-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NeedsPrograms(value = "chromium", install = "Debian: apt-get install chromium; .ci/run installs it")
class DeskBrowserTest {
    private static final String SECRET = "browser-secret";
    private static final String DATE = "2026-11-18";
    private static final String OTHER_DATE = "2026-11-19";
    private static final Path DATA = Path.of("target/desk-browser");
    private static final Path SHOTS = Path.of("target/desk-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DeskModel model;
    private static ChildJvm serve;
    private static int port;
    private static String base;
    private static Playwright playwright;
    private static Browser browser;
    private static BrowserContext editor;
    private static Page page;
    private static HttpServer elsewhere;
    private static final List<Long> saveToPreviewMs = new ArrayList<>();

    @BeforeAll
    static void startServeAndBrowser() throws Exception {
        deleteTree(DATA);
        Files.createDirectories(SHOTS);
        model = new DeskModel();
        port = Network.freePort();
        base = "http://localhost:" + port;
        Map<String, String> settings = new HashMap<>(ModelCall.decorationAndBoldingAt(model.url()));
        settings.putAll(Map.of("camel.server.port", String.valueOf(port), "aieditor.data-dir", DATA.toString(),
                "api.trigger-secret", SECRET, "schedule.enabled", "false", "approval.auto-approve", "false",
                "jobs.poll-period-ms", "200"));
        serve = ChildJvm.start("desk-browser-serve", settings, "serve");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!serve.process().isAlive()) {
                throw new AssertionError("serve exited: " + serve.log());
            }
            return serve.ready();
        });
        for (String date : List.of(DATE, OTHER_DATE)) {
            api("POST", "/jobs/pipeline", "{\"date\": \"" + date + "\"}");
            await().atMost(Duration.ofSeconds(120)).until(() ->
                    "awaiting_approval".equals(api("GET", "/issues/" + date, null).path("status").asText()));
        }

        // a page on another site (127.0.0.1 is another site than localhost) that posts to the desk
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", ex -> {
            byte[] html = ("<!DOCTYPE html><html><body><form id=f method=post action=\"" + base + "/desk/issues/" + DATE
                    + "/approve\"><input name=_csrf value=guess><button>Win a prize</button></form></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        elsewhere.start();

        Path chromium = Programs.find("chromium").orElseThrow();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        editor = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 1100));
        page = editor.newPage();
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (!saveToPreviewMs.isEmpty()) {
            System.out.println("[desk] Save to refreshed preview (ms): " + saveToPreviewMs);
        }
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (elsewhere != null) {
            elsewhere.stop(0);
        }
        if (serve != null) {
            serve.terminate();
            if (!serve.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                serve.stopQuietly();
            }
        }
        if (model != null) {
            model.release();
            model.close();
        }
    }

    private static JsonNode api(String method, String path, String body) throws Exception {
        return JSON.readTree(new ApiClient(base, SECRET).send(method, path, body).body());
    }

    private static Locator slot(int n) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Slot " + n).setExact(true));
    }

    private static Locator button(Locator in, String name) {
        return in.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator textbox(Locator in, String name) {
        return in.getByRole(AriaRole.TEXTBOX, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator preview() {
        return page.frameLocator("iframe[title=\"Preview\"]").locator("body");
    }

    @Test
    @Order(0)
    void should_catch_what_the_accessibility_checks_look_for() {
        Page bad = editor.newPage();
        bad.setContent("<!DOCTYPE html><html><head><title>bad</title></head><body><p style=\"color:#aaa\">faint text</p>"
                + "<input id=\"x\"><button></button><div id=\"d\">a</div><div id=\"d\">b</div><img src=\"data:,\"></body></html>");
        org.assertj.core.api.Assertions.assertThat(PageChecks.ruleIds(bad)).contains("html-has-lang",
                "label", "button-name", "image-alt", "color-contrast");
        bad.close();
    }

    @Test
    @Order(1)
    void should_show_the_sign_in_to_a_visit_without_a_session() {
        page.navigate(base + "/desk/issues/" + DATE);
        assertThat(page).hasURL(Pattern.compile(".*/desk/sign-in\\?next=.*"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to the desk"))).isVisible();
        assertThat(page.getByLabel("Secret")).hasAttribute("type", "password");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        assertThat(page.getByText("Slot 1")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(PageChecks.problems(page)).as("sign-in page").isEmpty();
    }

    @Test
    @Order(2)
    void should_refuse_a_wrong_secret_then_sign_in() {
        page.navigate(base + "/desk/issues/" + DATE);
        page.getByLabel("Name").fill("Ann");
        page.getByLabel("Secret").fill("not-the-secret");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("That secret is not right.");
        assertThat(page).hasURL(Pattern.compile(".*/desk/sign-in$"));
        org.assertj.core.api.Assertions.assertThat(editor.cookies()).isEmpty();

        page.getByLabel("Secret").fill(SECRET);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(base + "/desk/issues/" + DATE);
        assertThat(page.getByText("Signed in as Ann")).isVisible();
        var cookie = editor.cookies().get(0);
        org.assertj.core.api.Assertions.assertThat(cookie.httpOnly).isTrue();
        org.assertj.core.api.Assertions.assertThat(cookie.sameSite.name()).isEqualTo("STRICT");
        org.assertj.core.api.Assertions.assertThat(cookie.expires).isPositive();
        for (int n = 1; n <= 5; n++) {
            assertThat(slot(n)).isVisible();
        }
    }

    @Test
    @Order(3)
    void should_show_an_edited_headline_in_the_preview() {
        page.navigate(base + "/desk/issues/" + DATE);
        Locator lead = slot(1);
        assertThat(lead.getByText("Why chosen")).isVisible();
        assertThat(lead).containsText("slot 1 with score");
        for (int round = 1; round <= 3; round++) {
            String headline = "Edited on the desk, round " + round;
            textbox(lead, "Headline").fill(headline);
            textbox(lead, "Bullet 1").fill("A first bullet from the editor, round " + round + ".");
            long t0 = System.nanoTime();
            button(lead, "Save").click();
            assertThat(preview()).containsText(headline);
            saveToPreviewMs.add((System.nanoTime() - t0) / 1_000_000);
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Slot 1 saved.");
        }
        assertThat(textbox(lead, "Headline")).hasValue("Edited on the desk, round 3");
        // the preview is the message as sent, and the browser loads every one of its images (cid: parts shown
        // through the desk's image URL)
        Locator images = page.frameLocator("iframe[title=\"Preview\"]").locator("img");
        assertThat(images).hasCount(5);
        await().atMost(Duration.ofSeconds(30)).until(() -> (Boolean) images.first().evaluate(
                "img => [...img.ownerDocument.images].every(i => i.complete && i.naturalWidth === 600)"));
        Locator history = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("History"));
        assertThat(history).containsText("Slot 1, version 4");
        assertThat(history).containsText("edit by Ann");
        assertThat(history).containsText("Slot 1, version 1");
    }

    @Test
    @Order(4)
    void should_replace_a_story_with_a_candidate() {
        Locator second = slot(2);
        second.getByText("Replace story").click();
        Locator candidate = second.locator(".candidates li").first();
        assertThat(candidate).containsText("Not chosen:");
        String title = candidate.locator(".cand-title a").textContent().strip();
        button(candidate, "Use this story").click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Slot 2 now has");
        assertThat(slot(2).locator(".story")).hasText(title);
        assertThat(textbox(slot(2), "Headline")).hasValue(Pattern.compile("^Take \\d+: .*"));
        String headline = textbox(slot(2), "Headline").inputValue();
        assertThat(preview()).containsText(headline);
        assertThat(slot(2)).containsText("chosen by Ann on the desk");
    }

    @Test
    @Order(5)
    void should_regenerate_a_slot() {
        String before = textbox(slot(3), "Headline").inputValue();
        int calls = model.decorationCalls();
        button(slot(3), "Regenerate").click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Slot 3 decorated again.");
        assertThat(textbox(slot(3), "Headline")).not().hasValue(before);
        org.assertj.core.api.Assertions.assertThat(model.decorationCalls()).isEqualTo(calls + 1);
        assertThat(preview()).containsText(textbox(slot(3), "Headline").inputValue());
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("History"))).containsText("regenerate by Ann");
    }

    @Test
    @Order(6)
    void should_keep_a_slot_as_it_was_when_the_model_fails_to_regenerate_it() {
        String before = textbox(slot(4), "Headline").inputValue();
        model.refuseDecorations(true);
        try {
            button(slot(4), "Regenerate").click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("Decorating slot 4 failed");
        } finally {
            model.refuseDecorations(false);
        }
        page.reload();
        assertThat(textbox(slot(4), "Headline")).hasValue(before);
        assertThat(preview()).containsText(before);
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("History"))).not().containsText("Slot 4");
    }

    @Test
    @Order(7)
    void should_weigh_the_issue_page_and_take_its_screenshot() throws Exception {
        page.navigate(base + "/desk/");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(DATE))).isVisible();
        org.assertj.core.api.Assertions.assertThat(PageChecks.problems(page)).as("issue list").isEmpty();
        List<Response> responses = new CopyOnWriteArrayList<>();
        page.onResponse(responses::add);
        page.navigate(base + "/desk/issues/" + DATE);
        assertThat(preview()).containsText("Edited on the desk, round 3");
        page.waitForLoadState();
        page.offResponse(responses::add);
        long html = 0;
        long js = 0;
        long css = 0;
        long preview = 0;
        for (Response r : responses) {
            String url = r.url();
            int bytes = r.body().length;
            if (url.endsWith(".js")) {
                js += bytes;
            } else if (url.endsWith(".css")) {
                css += bytes;
            } else if (url.contains("/preview")) {
                preview += bytes;
            } else if (url.endsWith("/desk/issues/" + DATE)) {
                html += bytes;
            }
        }
        System.out.printf("[desk] Issue page weight: HTML %d + JS %d + CSS %d = %d bytes (the preview iframe: %d bytes of email HTML)%n",
                html, js, css, html + js + css, preview);
        org.assertj.core.api.Assertions.assertThat(html).isPositive();
        org.assertj.core.api.Assertions.assertThat(js + css).isPositive();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("desk-issue.png")));
        slot(1).getByText("Replace story").click();
        org.assertj.core.api.Assertions.assertThat(PageChecks.problems(page)).as("issue page").isEmpty();
        // keyboard: from the headline, Tab reaches the bullets and then Save
        textbox(slot(1), "Headline").focus();
        for (String next : List.of("s1-b1", "s1-b2", "s1-b3", "s1-save")) {
            page.keyboard().press("Tab");
            org.assertj.core.api.Assertions.assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo(next);
        }
    }

    @Test
    @Order(8)
    void should_refuse_a_cross_site_post() throws Exception {
        Page other = editor.newPage();
        other.navigate("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/prize");
        other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Win a prize")).click();
        assertThat(other.getByRole(AriaRole.ALERT)).containsText("Sign in to the desk first");
        other.close();
        org.assertj.core.api.Assertions.assertThat(api("GET", "/issues/" + DATE, null).path("status").asText())
                .isEqualTo("awaiting_approval");
        // the same forgery from a page that does carry the session cookie (a same-site page or a lax browser)
        // is refused by the origin check
        String cookie = "desk_session=" + editor.cookies().get(0).value;
        HttpResponse<String> forged = Http.send(Http.request(base + "/desk/issues/" + DATE + "/approve")
                .header("Cookie", cookie).header("Origin", "http://127.0.0.1:" + elsewhere.getAddress().getPort())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=guess")));
        org.assertj.core.api.Assertions.assertThat(forged.statusCode()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(api("GET", "/issues/" + DATE, null).path("status").asText())
                .isEqualTo("awaiting_approval");
    }

    @Test
    @Order(9)
    void should_show_a_running_jobs_progress_on_the_jobs_page() throws Exception {
        page.navigate(base + "/desk/jobs");
        model.holdAfter(2);
        String jobId = api("POST", "/jobs/decoration", "{\"date\": \"" + OTHER_DATE + "\"}").path("job_id").asText();
        Locator running = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Running"));
        // the page refreshes itself: no reload here
        assertThat(running).containsText("decoration 2/5 slots");
        assertThat(running).containsText(jobId.substring(0, 8));
        assertThat(button(running, "Cancel")).isVisible();
        Locator runs = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Pipeline runs"));
        assertThat(runs).containsText("html_compile");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("desk-jobs.png")).setFullPage(false));
        org.assertj.core.api.Assertions.assertThat(PageChecks.problems(page)).as("jobs page").isEmpty();
        model.release();
        assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Running"))).containsText("No job is running.");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "completed".equals(api("GET", "/jobs/status/" + jobId, null).path("status").asText()));
        // recent jobs filter by step and status
        page.getByLabel("Step").selectOption("decoration");
        page.getByLabel("Status").selectOption("completed");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
        Locator recent = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Recent jobs"));
        assertThat(recent).containsText(jobId.substring(0, 8));
        assertThat(recent.locator("tbody tr")).hasCount(3);
    }

    @Test
    @Order(10)
    void should_approve_and_send_what_was_edited() throws Exception {
        page.navigate(base + "/desk/issues/" + DATE);
        button(page.locator("#issue-status"), "Approve").click();
        assertThat(page.locator("#issue-status")).containsText("Approved by Ann");
        Path eml = DATA.resolve("outbox").resolve(DATE).resolve("newsletter.eml");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(eml)
                && "sent".equals(api("GET", "/issues/" + DATE, null).path("status").asText()));
        String sent = Eml.text(eml);
        org.assertj.core.api.Assertions.assertThat(sent).contains("Edited on the desk, round 3")
                .contains("A first bullet from the editor, round 3.")
                .contains(textbox(slot(2), "Headline").inputValue())
                .contains(textbox(slot(3), "Headline").inputValue());
        page.reload();
        assertThat(page.locator("#issue-status")).containsText("sent");
        assertThat(page.locator("#issue-status")).containsText("Approved by Ann");
        assertThat(page.getByText("This issue was sent: it can no longer be changed.")).isVisible();
        assertThat(textbox(slot(1), "Headline")).isDisabled();
        assertThat(button(slot(1), "Save")).isDisabled();
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
