package aieditor.archive;

import aieditor.Application;
import aieditor.fixtures.Http;
import aieditor.fixtures.Network;
import aieditor.pipeline.JobHeaders;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public archive over real HTTP, on the embedded default with no public address: two issues sent by the whole
 * chain and one compiled and approved but not sent. Readers see only what was sent, each page's images come from
 * the service, the feed is Atom, and no path reaches a file outside an issue's images.
 */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:archive-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data/archive", "api.trigger-secret=archive-secret",
        "jobs.poll-period-ms=100", "jobs.retry-base-delay-seconds=0", "retry.max-redeliveries=0", "run.timeout-seconds=180",
        // one in-memory database across the context of each test: no recovery of the first test's jobs
        "jobs.recovery=false"})
class ArchiveTest {
    private static final int PORT = Network.freePort();
    static final LocalDate FIRST = LocalDate.of(2026, 11, 20);
    static final LocalDate SECOND = LocalDate.of(2026, 11, 24);
    static final LocalDate UNSENT = LocalDate.of(2026, 11, 27);
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final Path DATA = Path.of("target/test-data/archive");
    private static boolean prepared;

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @BeanInject
    CamelContext context;

    private final ArchiveClient web = new ArchiveClient(PORT);

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
    }

    @BeforeEach
    void twoSentIssuesAndOneNot() throws Exception {
        if (prepared) {
            return;
        }
        // the database starts empty each run, so the outbox and images of an earlier run go too
        if (Files.exists(DATA)) {
            try (java.util.stream.Stream<Path> files = Files.walk(DATA)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        for (LocalDate date : List.of(FIRST, SECOND)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = Application.runChain(context, date, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        }
        // the third issue stops before mautic_send: compiled and (auto-)approved, its images on disk, not sent
        for (String step : List.of("ingest", "ai_scoring", "prefilter", "slot_selection", "decoration", "images", "html_compile")) {
            runStep(step, UNSENT);
        }
        assertThat(jdbc().queryForObject("SELECT status FROM issues WHERE issue_date = ?", String.class, UNSENT)).isEqualTo("approved");
        assertThat(Files.exists(DATA.resolve("images/" + UNSENT + "/" + slotOne(UNSENT)))).isTrue();
        prepared = true;
    }

    /** The lead image's file name: JPEG or PNG, whichever the images step found smaller. */
    static String slotOne(LocalDate date) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(DATA.resolve("images/" + date))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("slot-1.")).findFirst().orElseThrow();
        }
    }

    private void runStep(String step, LocalDate date) {
        long before = jdbc().queryForObject("SELECT COUNT(*) FROM jobs WHERE step = ? AND issue_date = ?", Long.class, step, date);
        context.createProducerTemplate().sendBodyAndHeaders("direct:enqueue", null,
                Map.of(JobHeaders.STEP, step, JobHeaders.ISSUE_DATE, date.toString(), JobHeaders.TRIGGER, "test"));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc().queryForObject("SELECT COUNT(*) FROM jobs WHERE step = ? "
                + "AND issue_date = ? AND status = 'completed'", Long.class, step, date) > before);
    }

    @Test
    void should_list_only_the_sent_issues_newest_first() throws Exception {
        HttpResponse<String> list = web.get("/archive/");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        Document page = Jsoup.parse(list.body());
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.title()).isEqualTo("Archive of The AI Editor");
        assertThat(page.selectFirst("meta[name=viewport]")).isNotNull();
        assertThat(page.select("main li time")).extracting(t -> t.attr("datetime")).containsExactly(SECOND.toString(), FIRST.toString());
        assertThat(page.select("main li a")).extracting(a -> a.attr("href"))
                .containsExactly("/archive/" + SECOND, "/archive/" + FIRST);
        String subject = jdbc().queryForObject("SELECT subject FROM issues WHERE issue_date = ?", String.class, FIRST);
        assertThat(page.select("main li a").get(1).text()).isEqualTo(subject);
        assertThat(list.body()).doesNotContain(UNSENT.toString());
        assertThat(page.selectFirst("link[rel=alternate][type=application/atom+xml]").attr("href")).isEqualTo("/archive/feed.xml");
        assertThat(page.select("script")).isEmpty();

        HttpResponse<String> bare = web.get("/archive");
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValue("/archive/");
    }

    @Test
    void should_serve_a_sent_issue_as_it_was_sent_with_its_images_from_the_service() throws Exception {
        String sent = jdbc().queryForObject("SELECT html FROM issues WHERE issue_date = ?", String.class, FIRST);
        HttpResponse<String> r = web.get("/archive/" + FIRST);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        Document page = Jsoup.parse(r.body());
        Document email = Jsoup.parse(sent);
        assertThat(page.title()).isEqualTo(email.title());
        assertThat(page.select("[data-slot]")).hasSize(5);
        assertThat(page.select("h2").eachText()).isEqualTo(email.select("h2").eachText());
        assertThat(page.selectFirst("nav[aria-label=Archive] a").attr("href")).isEqualTo("/archive/");
        // without a public address: no Open Graph tags, and the email had no "View in browser" link
        assertThat(page.select("meta[property^=\"og:\"]")).isEmpty();
        assertThat(sent).doesNotContain("View in browser");
        assertThat(Files.readString(DATA.resolve("outbox/" + FIRST + "/newsletter.txt")))
                .doesNotContain("View in browser");

        List<Element> images = page.select("img");
        assertThat(images).hasSize(5);
        for (Element img : images) {
            assertThat(img.attr("src")).startsWith("/archive/" + FIRST + "/images/slot-");
            HttpResponse<byte[]> image = web.bytes(img.attr("src"));
            assertThat(image.statusCode()).as(img.attr("src")).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type").orElseThrow()).matches("image/(png|jpeg)");
            assertThat(ImageIO.read(new ByteArrayInputStream(image.body())).getWidth()).isEqualTo(600);
        }
    }

    @Test
    void should_not_find_an_issue_that_was_not_sent_whatever_its_state() throws Exception {
        for (String state : List.of("approved", "awaiting_approval", "compiled", "images_ready")) {
            jdbc().update("UPDATE issues SET status = ? WHERE issue_date = ?", state, UNSENT);
            HttpResponse<String> page = web.get("/archive/" + UNSENT);
            assertThat(page.statusCode()).as(state).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(Jsoup.parse(page.body()).selectFirst("h1").text()).isEqualTo("Not found");
            assertThat(page.body()).contains("No issue of " + UNSENT + " has been sent.");
            assertThat(web.get("/archive/" + UNSENT + "/images/" + slotOne(UNSENT)).statusCode()).as(state).isEqualTo(404);
            HttpResponse<String> json = web.get("/archive/" + UNSENT, "Accept", "application/json");
            assertThat(json.statusCode()).isEqualTo(404);
            assertThat(json.body()).isEqualTo("{\"error\":\"No issue of " + UNSENT + " has been sent.\"}");
        }
        jdbc().update("UPDATE issues SET status = 'approved' WHERE issue_date = ?", UNSENT);
        assertThat(web.get("/archive/2031-01-06").statusCode()).isEqualTo(404);
    }

    @Test
    void should_publish_an_atom_feed_of_the_sent_issues() throws Exception {
        HttpResponse<String> r = web.get("/archive/feed.xml");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/atom+xml; charset=utf-8");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        org.w3c.dom.Element root = feed.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(child(root, "id")).isEqualTo(web.base + "/archive/");
        assertThat(child(root, "title")).isEqualTo("The AI Editor");
        assertThat(child(root, "updated")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(links(root)).containsEntry("self", web.base + "/archive/feed.xml").containsEntry("alternate", web.base + "/archive/");

        NodeList entries = root.getElementsByTagNameNS(ATOM, "entry");
        assertThat(entries.getLength()).isEqualTo(2);
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < entries.getLength(); i++) {
            org.w3c.dom.Element entry = (org.w3c.dom.Element) entries.item(i);
            String link = links(entry).get("alternate");
            pages.add(link);
            assertThat(child(entry, "id")).isEqualTo(link);
            assertThat(child(entry, "title")).isNotBlank();
            assertThat(child(entry, "updated")).isNotBlank();
            LocalDate date = LocalDate.parse(link.substring(link.lastIndexOf('/') + 1));
            assertThat(child(entry, "summary")).isEqualTo(jdbc().queryForObject(
                    "SELECT preheader FROM issues WHERE issue_date = ?", String.class, date));
            org.w3c.dom.Element content = (org.w3c.dom.Element) entry.getElementsByTagNameNS(ATOM, "content").item(0);
            assertThat(content.getAttribute("type")).isEqualTo("html");
            assertThat(Jsoup.parse(content.getTextContent()).select("li")).hasSize(5);
            HttpResponse<String> page = web.get(link);
            assertThat(page.statusCode()).as(link).isEqualTo(200);
            assertThat(Jsoup.parse(page.body()).title()).isEqualTo(child(entry, "title"));
        }
        assertThat(pages).containsExactly(web.base + "/archive/" + SECOND, web.base + "/archive/" + FIRST);

        // the feed's links are absolute: from the Host the reader used, https behind a TLS proxy
        String proxied = web.get("/archive/feed.xml", "X-Forwarded-Proto", "https").body();
        assertThat(proxied).contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://127.0.0.1:" + PORT + "/archive/feed.xml\"/>");
    }

    @Test
    void should_refuse_hostile_paths_without_reading_outside_the_images() throws Exception {
        Path secret = DATA.resolve("secret.txt");
        Files.writeString(secret, "not-for-readers-4711");
        String[] notFound = {"/archive/../secret.txt", "/archive/" + FIRST + "/images/../../secret.txt",
                "/archive/" + FIRST + "/images/..%2f..%2f..%2fsecret.txt", "/archive/" + FIRST + "/images/%2e%2e/%2e%2e/secret.txt",
                "/archive/" + FIRST + "/images/..\\..\\secret.txt", "/archive/" + FIRST + "/images/slot-1.png%00.txt",
                "/archive/" + FIRST + "/images/slot-9.png", "/archive/" + FIRST + "/images/../../../../etc/passwd",
                "/archive/" + FIRST + "/images/", "/archive/" + FIRST + "/x", "/archive/feed.xml/x", "/archive/index.html",
                "/archive/%2e%2e/%2e%2e/etc/passwd", "/archive//etc/passwd"};
        for (String target : notFound) {
            ArchiveClient.Raw r = web.raw(target);
            assertThat(r.status()).as(target).isIn(400, 404);
            assertThat(r.body()).as(target).doesNotContain("not-for-readers-4711").doesNotContain("root:");
        }
        for (String target : new String[]{"/archive/2026-13-45", "/archive/2026-02-30", "/archive/1999-12-31",
                "/archive/2026-1-1", "/archive/2026-11-20x", "/archive/%32026-11-20", "/archive/2026-11-20/images/slot-1.png/..",
                "/archive/?before=yesterday", "/archive/?before=2026-13-01"}) {
            ArchiveClient.Raw r = web.raw(target);
            assertThat(r.status()).as(target).isIn(400, 404);
            assertThat(r.headers()).as(target).contains("text/html");
        }
        assertThat(web.raw("/archive/2026-13-45").status()).isEqualTo(400);
        assertThat(web.raw("/archive/2026-13-45").body()).contains("Not an issue date");
        assertThat(web.raw("/archive/?before=yesterday").status()).isEqualTo(400);
        // what no route of the archive takes is still the API's JSON 404
        for (String path : new String[]{"/archivex", "/archive-feed.xml"}) {
            HttpResponse<String> r = web.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).startsWith("{\"error\":\"No endpoint GET " + path);
        }
    }

    @Test
    void should_answer_conditional_requests_and_let_images_be_cached() throws Exception {
        for (String path : List.of("/archive/", "/archive/" + FIRST, "/archive/feed.xml")) {
            HttpResponse<String> first = web.get(path);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            String modified = first.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).startsWith("public, max-age=");
            HttpResponse<String> again = web.get(path, "If-None-Match", etag);
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(web.get(path, "If-Modified-Since", modified).statusCode()).as(path).isEqualTo(304);
            assertThat(web.get(path, "If-None-Match", "\"other\"").statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<byte[]> image = web.bytes("/archive/" + FIRST + "/images/" + slotOne(FIRST));
        assertThat(image.headers().firstValue("Cache-Control")).hasValue("public, max-age=604800, immutable");
        assertThat(web.bytes("/archive/" + FIRST + "/images/" + slotOne(FIRST), "If-None-Match",
                image.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
        HttpResponse<String> head = web.head("/archive/" + FIRST);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void should_open_the_archive_and_nothing_else() throws Exception {
        assertThat(web.get("/archive/").statusCode()).isEqualTo(200);
        assertThat(web.get("/jobs").statusCode()).isEqualTo(401);
        assertThat(web.get("/issues/" + FIRST).statusCode()).isEqualTo(401);
        assertThat(web.get("/dlq").statusCode()).isEqualTo(401);
        HttpResponse<String> desk = web.get("/desk/");
        assertThat(desk.statusCode()).isEqualTo(303);
        assertThat(desk.headers().firstValue("Location").orElseThrow()).startsWith("/desk/sign-in");
        assertThat(web.get("/desk/issues/" + FIRST + "/preview").statusCode()).isEqualTo(303);
        assertThat(web.get("/desk/issues/" + UNSENT + "/images/slot-1.png", "Accept", "application/json").statusCode()).isEqualTo(401);
        assertThat(web.get("/observe/health").statusCode()).isEqualTo(200);
        // the archive takes no writes
        HttpResponse<String> post = Http.send(Http.request(web.base + "/archive/")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")));
        assertThat(post.statusCode()).isIn(404, 405);
    }

    @Test
    void should_page_the_list_fifty_issues_at_a_time() throws Exception {
        LocalDate oldest = LocalDate.of(2025, 1, 1);
        for (int i = 0; i < 55; i++) {
            jdbc().update("INSERT INTO issues (issue_date, status, subject, preheader, html, text_version, html_bytes, created_at, "
                    + "updated_at) VALUES (?, 'sent', ?, 'p', '<!DOCTYPE html><html><head></head><body>x</body></html>', 'x', 60, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", oldest.plusDays(i), "Old issue " + i);
        }
        try {
            Document first = Jsoup.parse(web.get("/archive/").body());
            assertThat(first.select("main li")).hasSize(ArchiveHttp.PAGE_SIZE);
            Element older = first.selectFirst("a[rel=next]");
            assertThat(older.text()).isEqualTo("Older issues");
            Document second = Jsoup.parse(web.get(older.attr("href")).body());
            // 57 sent in all: 50 on the first page, the oldest 7 on the second, which links back and no further
            assertThat(second.select("main li")).hasSize(57 - ArchiveHttp.PAGE_SIZE);
            assertThat(second.select("main li time").last().attr("datetime")).isEqualTo(oldest.toString());
            assertThat(second.selectFirst("a[rel=next]")).isNull();
            assertThat(second.select("nav a").eachText()).contains("Newest issues");
            HttpResponse<String> feed = web.get("/archive/feed.xml");
            assertThat(feed.body().split("<entry>", -1)).hasSize(ArchiveHttp.FEED_ENTRIES + 1);
        } finally {
            jdbc().update("DELETE FROM issues WHERE issue_date < ?", LocalDate.of(2026, 1, 1));
        }
    }

    private static String child(org.w3c.dom.Element parent, String name) {
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof org.w3c.dom.Element e && ATOM.equals(e.getNamespaceURI()) && e.getLocalName().equals(name)) {
                return e.getTextContent();
            }
        }
        return null;
    }

    private static Map<String, String> links(org.w3c.dom.Element parent) {
        Map<String, String> links = new java.util.HashMap<>();
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof org.w3c.dom.Element e && ATOM.equals(e.getNamespaceURI()) && e.getLocalName().equals("link")) {
                links.put(e.getAttribute("rel"), e.getAttribute("href"));
            }
        }
        return links;
    }
}
