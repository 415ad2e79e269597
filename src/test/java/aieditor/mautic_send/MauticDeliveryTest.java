package aieditor.mautic_send;

import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import aieditor.fixtures.TestRoutes;
import aieditor.html_compile.Newsletter;
import aieditor.http.HttpRoutes;
import aieditor.pipeline.PermanentFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Mautic delivery against a fake Mautic speaking the documented wire format, through routes/mautic.camel.yaml. */
class MauticDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Newsletter ISSUE = new Newsletter(LocalDate.of(2026, 11, 22), "The AI Editor",
            "Chips, robots and a funding round", "Five stories", List.of(), "https://newsletter.example/unsubscribe");
    private static final FakeMautic mautic = new FakeMautic();
    private static CamelContext context;

    @BeforeAll
    static void routes() throws Exception {
        context = TestRoutes.start(Map.of("mautic.base-url", mautic.url()), "mautic.camel.yaml");
    }

    @AfterAll
    static void stop() {
        context.stop();
        mautic.close();
    }

    @BeforeEach
    void emptyMautic() {
        mautic.reset();
    }

    private Delivery delivery(String auth) {
        return mauticDelivery(new Deliveries.Mautic(mautic.url(), auth, "test-client", "test-secret", "test-user",
                "test-secret", "3, 5", "ai-editor"));
    }

    private static Delivery mauticDelivery(Deliveries.Mautic settings) {
        return Deliveries.configured(new Deliveries.Settings("mautic", null, null, settings, null), context,
                new HttpRoutes(context), JSON, Clock.systemUTC());
    }

    private Receipt deliver(Delivery delivery, Delivery.Ledger ledger) throws Exception {
        return Sends.deliver(delivery, ISSUE, "<html><body>Issue</body></html>", "Issue", List.of(), ledger);
    }

    @Test
    void should_get_a_token_then_create_the_segment_email_and_send_it() throws Exception {
        MemoryLedger ledger = new MemoryLedger();

        Receipt receipt = deliver(delivery("oauth2"), ledger);

        Request token = mautic.server.requests("POST", "/oauth/v2/token").get(0);
        assertThat(token.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.body().split("&")).containsExactlyInAnyOrder("grant_type=client_credentials",
                "client_id=test-client", "client_secret=test-secret");
        Request create = mautic.server.requests("POST", "/api/emails/new").get(0);
        assertThat(create.header("Authorization")).isEqualTo("Bearer " + FakeMautic.TOKEN);
        JsonNode email = JSON.readTree(create.body());
        assertThat(email.path("name").asText()).isEqualTo("ai-editor 2026-11-22");
        assertThat(email.path("subject").asText()).isEqualTo("Chips, robots and a funding round");
        assertThat(email.path("customHtml").asText()).isEqualTo("<html><body>Issue</body></html>");
        assertThat(email.path("plainText").asText()).isEqualTo("Issue");
        assertThat(email.path("emailType").asText()).isEqualTo("list");
        assertThat(email.path("lists").toString()).isEqualTo("[3,5]");
        assertThat(email.path("isPublished").asBoolean()).isTrue();
        assertThat(receipt).isEqualTo(new Receipt("mautic email 41", "41", 120, 0));
        assertThat(ledger.externalId()).contains("41");
        assertThat(mautic.sends()).isEqualTo(1);
    }

    @Test
    void should_refuse_an_issue_whose_images_are_not_hosted_and_send_nothing() {
        String html = "<html><body><img src=\"https://res.cloudinary.com/demo/slot-1.jpg\" alt=\"\">"
                + "<img src=\"images/slot-2.jpg\" alt=\"\"><img src=\"images/slot-3.jpg\" alt=\"\"></body></html>";
        Delivery mauticDelivery = delivery("oauth2");

        assertThatThrownBy(() -> Sends.deliver(mauticDelivery, ISSUE, html, "Issue", List.of(), new MemoryLedger()))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("Issue 2026-11-22 cannot go out through Mautic")
                .hasMessageContaining("2 of 3 are not (images/slot-2.jpg, images/slot-3.jpg)")
                .hasMessageContaining("images.public-base-url").hasMessageContaining("images.cloudinary-url")
                .hasMessageContaining("Nothing was sent");
        // not a login, not a create, not a send
        assertThat(mautic.server.requests()).isEmpty();
    }

    @Test
    void should_give_mautic_the_html_with_its_hosted_image_urls() throws Exception {
        String html = "<html><body><img src=\"https://cdn.example.com/2026-11-22/slot-1.jpg?w=600&amp;q=80\" alt=\"\"></body></html>";
        Delivery mauticDelivery = delivery("oauth2");

        Outgoing message = mauticDelivery.prepare(ISSUE, html, "Issue", List.of());
        mauticDelivery.deliver(message, new MemoryLedger());

        assertThat(message.images()).extracting(MessageImage::src).containsExactly("https://cdn.example.com/2026-11-22/slot-1.jpg?w=600&q=80");
        assertThat(message.images()).noneMatch(MessageImage::embedded);
        assertThat(message.bytes()).isEqualTo(html.length() + "Issue".length());
        assertThat(JSON.readTree(mautic.server.requests("POST", "/api/emails/new").get(0).body()).path("customHtml").asText())
                .isEqualTo(html);
    }

    @Test
    void should_reuse_the_token_until_it_expires() throws Exception {
        Delivery delivery = delivery("oauth2");
        deliver(delivery, new MemoryLedger());
        Sends.deliver(delivery, new Newsletter(LocalDate.of(2026, 11, 23), "The AI Editor", "Next", "", List.of(),
                "https://newsletter.example/unsubscribe"), "<p>x</p>", "x", List.of(), new MemoryLedger());

        assertThat(mautic.server.requests("POST", "/oauth/v2/token")).hasSize(1);
        assertThat(mautic.creates()).isEqualTo(2);
    }

    @Test
    void should_send_basic_credentials_when_configured() throws Exception {
        Receipt receipt = deliver(delivery("basic"), new MemoryLedger());

        assertThat(mautic.server.requests("POST", "/oauth/v2/token")).isEmpty();
        assertThat(mautic.server.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(FakeMautic.BASIC));
        assertThat(receipt.sentCount()).isEqualTo(120);
    }

    @Test
    void should_report_refused_client_credentials_with_mautics_message() {
        mautic.tokenReply = Response.json(400, "{\"error\":\"invalid_client\",\"error_description\":\"The client credentials are invalid\"}");

        assertThatThrownBy(() -> deliver(delivery("oauth2"), new MemoryLedger()))
                .isInstanceOf(MauticException.class)
                .hasMessageContaining("token request").hasMessageContaining("HTTP 400")
                .hasMessageContaining("The client credentials are invalid");
        assertThat(mautic.creates()).isZero();
    }

    @Test
    void should_report_a_401_from_the_api_with_mautics_message() {
        Delivery wrong = mauticDelivery(new Deliveries.Mautic(mautic.url(), "basic", "", "", "test-user", "wrong-secret",
                "3", "ai-editor"));

        assertThatThrownBy(() -> deliver(wrong, new MemoryLedger()))
                .isInstanceOf(MauticException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("API authorization denied.")
                .hasMessageContaining("check the Mautic credentials");
    }

    @Test
    void should_report_validation_errors_from_the_errors_array() {
        mautic.createReply = Response.json(400, "{\"errors\":[{\"message\":\"name: A name is required.\",\"code\":400,"
                + "\"details\":{\"name\":[\"A name is required.\"]}},{\"message\":\"lists: Segment 9 not found\",\"code\":400}]}");

        assertThatThrownBy(() -> deliver(delivery("oauth2"), new MemoryLedger()))
                .isInstanceOf(MauticException.class)
                .hasMessage("Mautic email creation failed with HTTP 400: name: A name is required.; lists: Segment 9 not found");
        assertThat(mautic.sends()).isZero();
    }

    @Test
    void should_return_the_failed_count_mautic_reports() throws Exception {
        mautic.failedCount = 2;

        Receipt receipt = deliver(delivery("oauth2"), new MemoryLedger());

        assertThat(receipt.hasFailures()).isTrue();
        assertThat(receipt.failedCount()).isEqualTo(2);
        assertThat(receipt.sentCount()).isEqualTo(118);
    }

    @Test
    void should_send_the_email_created_before_a_crash_without_creating_another() throws Exception {
        MemoryLedger ledger = new MemoryLedger();
        mautic.nextSendStatusWithoutSending = 503;
        assertThatThrownBy(() -> deliver(delivery("oauth2"), ledger)).hasMessageContaining("HTTP 503");

        Receipt retry = deliver(delivery("oauth2"), ledger);

        assertThat(mautic.creates()).isEqualTo(1);
        assertThat(mautic.emails.get(41).sentCount()).isEqualTo(120);
        assertThat(retry.externalId()).isEqualTo("41");
    }

    @Test
    void should_not_send_again_when_mautic_already_sent_before_the_crash() throws Exception {
        MemoryLedger ledger = new MemoryLedger();
        mautic.nextSendStatusAfterSending = 504;
        assertThatThrownBy(() -> deliver(delivery("oauth2"), ledger)).hasMessageContaining("HTTP 504");

        Receipt retry = deliver(delivery("oauth2"), ledger);

        assertThat(mautic.creates()).isEqualTo(1);
        assertThat(mautic.sends()).isEqualTo(1);
        assertThat(mautic.server.requests("GET", "/api/emails/41")).hasSize(1);
        assertThat(retry).isEqualTo(new Receipt("mautic email 41", "41", 120, null));
    }

    @Test
    void should_find_the_email_by_its_name_when_the_crash_came_before_its_id_was_stored() throws Exception {
        MemoryLedger ledger = MemoryLedger.thatDiesBeforeRecording();
        assertThatThrownBy(() -> deliver(delivery("oauth2"), ledger)).hasMessageContaining("process died");

        deliver(delivery("oauth2"), ledger);

        assertThat(mautic.server.requests("GET", "/api/emails")).hasSize(2)
                .allSatisfy(r -> assertThat(r.query()).isEqualTo("search=ai-editor+2026-11-22"));
        assertThat(mautic.creates()).isEqualTo(1);
        assertThat(mautic.sends()).isEqualTo(1);
        assertThat(ledger.externalId()).contains("41");
    }
}
