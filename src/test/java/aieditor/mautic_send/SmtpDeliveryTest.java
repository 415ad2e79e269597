package aieditor.mautic_send;

import aieditor.fixtures.TestRoutes;
import aieditor.html_compile.Newsletter;
import aieditor.html_compile.NewsletterHtml;
import aieditor.html_compile.NewsletterText;
import aieditor.html_compile.SampleNewsletters;
import aieditor.http.HttpRoutes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMTP delivery through routes/smtp.camel.yaml (camel-mail) to a real in-process SMTP server. */
class SmtpDeliveryTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("test-user", "test-secret"))
            .withPerMethodLifecycle(false);

    private static final EmlWriter MESSAGES = new EmlWriter(Clock.systemUTC(), new Deliveries.Envelope(
            "The AI Editor <editor@newsletter.example>", "subscribers@newsletter.example", "unsubscribe@newsletter.example"));
    private static final Newsletter ISSUE = new Newsletter(LocalDate.of(2026, 11, 22), "The AI Editor",
            "Chips, robots and a funding round", "Five stories", List.of(), "https://newsletter.example/unsubscribe");
    private static CamelContext context;

    @BeforeAll
    static void routes() throws Exception {
        context = TestRoutes.start(Map.of("newsletter.smtp.host", "127.0.0.1",
                "newsletter.smtp.port", String.valueOf(SMTP.getSmtp().getPort()), "newsletter.smtp.username", "test-user",
                "newsletter.smtp.password", "test-secret", "newsletter.smtp.starttls", "false"), "smtp.camel.yaml");
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    @Test
    void should_send_one_multipart_alternative_message_with_unsubscribe_headers() throws Exception {
        Delivery smtp = smtp(SMTP.getSmtp().getPort());
        int before = SMTP.getReceivedMessages().length;

        Receipt receipt = Sends.deliver(smtp, ISSUE, "<html><body><p>Five stories</p></body></html>", "Five stories", List.of(),
                new MemoryLedger());

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(before + 1);
        MimeMessage message = received[before];
        assertThat(message.getSubject()).isEqualTo("Chips, robots and a funding round");
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("subscribers@newsletter.example");
        assertThat(message.getMessageID()).isEqualTo("<issue-2026-11-22@newsletter.example>").isEqualTo(receipt.externalId());
        assertThat(MimeUtility.unfold(message.getHeader("List-Unsubscribe", null)))
                .isEqualTo("<mailto:unsubscribe@newsletter.example>, <https://newsletter.example/unsubscribe>");
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(((String) parts.getBodyPart(0).getContent()).strip()).isEqualTo("Five stories");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<p>Five stories</p>");
        assertThat(receipt.location()).isEqualTo("smtp 127.0.0.1:" + SMTP.getSmtp().getPort() + " to subscribers@newsletter.example");
    }

    @Test
    void should_deliver_a_message_whose_images_all_load_from_its_own_parts() throws Exception {
        Newsletter issue = SampleNewsletters.realistic("images");
        List<IssueImage> images = SampleImages.onDisk(issue, Path.of("target/smtp-delivery-test/" + System.nanoTime()));
        int before = SMTP.getReceivedMessages().length;

        Sends.deliver(smtp(SMTP.getSmtp().getPort()), issue, new NewsletterHtml().render(issue),
                new NewsletterText().render(issue), images, new MemoryLedger());

        MimeMessage received = SMTP.getReceivedMessages()[before];
        List<String> srcs = MailClient.requireImagesLoad(received);
        assertThat(srcs).hasSize(5).allMatch(src -> src.startsWith("cid:slot-"));
        Multipart related = (Multipart) ((Multipart) received.getContent()).getBodyPart(1).getContent();
        for (int i = 1; i <= 5; i++) {
            assertThat(related.getBodyPart(i).getInputStream().readAllBytes())
                    .isEqualTo(Files.readAllBytes(images.get(i - 1).file()));
        }
    }

    @Test
    void should_not_send_again_when_an_earlier_attempt_handed_the_message_over_and_died() throws Exception {
        Delivery smtp = smtp(SMTP.getSmtp().getPort());
        MemoryLedger ledger = new MemoryLedger();
        ledger.recordHandOver(); // what the attempt that died recorded before giving the server the message
        int before = SMTP.getReceivedMessages().length;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sends.deliver(smtp, ISSUE, "<p>x</p>", "x", List.of(), ledger))
                .isInstanceOf(Delivery.OutcomeUnknownException.class)
                .hasMessageContaining("handed the issue to 127.0.0.1:" + SMTP.getSmtp().getPort());
        assertThat(SMTP.getReceivedMessages()).hasSize(before);
    }

    @Test
    void should_clear_the_hand_over_when_the_server_refuses_the_connection_so_a_retry_sends() throws Exception {
        // what camel-mail throws when nothing listens: the message never left
        Delivery refused = new SmtpDelivery(message -> {
            throw new org.apache.camel.CamelExecutionException("smtp-send failed", null,
                    new jakarta.mail.MessagingException("Couldn't connect", new java.net.ConnectException("Connection refused")));
        }, "127.0.0.1:1", MESSAGES);
        MemoryLedger ledger = new MemoryLedger();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sends.deliver(refused, ISSUE, "<p>x</p>", "x", List.of(), ledger))
                .hasRootCauseInstanceOf(java.net.ConnectException.class);

        assertThat(ledger.handedOver()).isFalse();
        int before = SMTP.getReceivedMessages().length;
        Sends.deliver(smtp(SMTP.getSmtp().getPort()), ISSUE, "<p>x</p>", "x", List.of(), ledger);
        assertThat(SMTP.getReceivedMessages()).hasSize(before + 1);
        assertThat(ledger.handedOver()).as("recorded before the message went").isTrue();
    }

    @Test
    void should_keep_the_hand_over_when_the_connection_drops_after_the_message_was_given() {
        Delivery dropped = new SmtpDelivery(message -> {
            throw new org.apache.camel.CamelExecutionException("smtp-send failed", null,
                    new jakarta.mail.MessagingException("Exception reading response", new java.net.SocketTimeoutException("Read timed out")));
        }, "127.0.0.1:1", MESSAGES);
        MemoryLedger ledger = new MemoryLedger();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sends.deliver(dropped, ISSUE, "<p>x</p>", "x", List.of(), ledger));

        // the server may have taken it: the next attempt must not send blindly
        assertThat(ledger.handedOver()).isTrue();
    }

    private static Delivery smtp(int port) {
        return Deliveries.configured(new Deliveries.Settings("smtp", null, MESSAGES.envelope(), null, "127.0.0.1:" + port), context,
                new HttpRoutes(context), new ObjectMapper(), Clock.systemUTC());
    }
}
