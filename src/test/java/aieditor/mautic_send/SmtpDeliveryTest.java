package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.http.HttpRoutes;
import aieditor.http.TestRoutes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
        Map<String, String> props = Map.of("newsletter.delivery", "smtp", "newsletter.smtp.host", "127.0.0.1",
                "newsletter.smtp.port", String.valueOf(SMTP.getSmtp().getPort()),
                "newsletter.from", "The AI Editor <editor@newsletter.example>", "newsletter.to", "subscribers@newsletter.example",
                "newsletter.unsubscribe-mailto", "unsubscribe@newsletter.example");
        Delivery smtp = Deliveries.configured(props::get, context, new HttpRoutes(context), new ObjectMapper());

        Receipt receipt = smtp.deliver(ISSUE, "<html><body><p>Five stories</p></body></html>", "Five stories", List.of(),
                new MemoryLedger());

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
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
}
