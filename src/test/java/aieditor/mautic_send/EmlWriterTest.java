package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.html_compile.NewsletterHtml;
import aieditor.html_compile.NewsletterText;
import aieditor.html_compile.SampleNewsletters;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmlWriterTest {

    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    private final EmlWriter writer = new EmlWriter(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Newsletter n = SampleNewsletters.realistic();
    private final String html = new NewsletterHtml().render(n);
    private final String text = new NewsletterText().render(n);

    private byte[] write(Newsletter newsletter, String mailto) {
        return writer.write(newsletter, html, text, "The AI Editor <editor@news.example.com>", "reader@example.org", mailto);
    }

    private static MimeMessage parse(byte[] eml) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
    }

    @Test
    void should_parse_back_as_multipart_alternative_with_text_first() throws Exception {
        MimeMessage m = parse(write(n, "unsubscribe@news.example.com"));

        assertThat(m.getContentType()).startsWith("multipart/alternative");
        Multipart mp = (Multipart) m.getContent();
        assertThat(mp.getCount()).isEqualTo(2);
        Part plain = mp.getBodyPart(0);
        Part rich = mp.getBodyPart(1);
        assertThat(plain.isMimeType("text/plain")).isTrue();
        assertThat(plain.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(rich.isMimeType("text/html")).isTrue();
        assertThat(rich.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(normalise((String) plain.getContent())).isEqualTo(text);
        assertThat(normalise((String) rich.getContent())).isEqualTo(html);
    }

    @Test
    void should_keep_stable_message_id_derived_from_issue_and_sender_domain() throws Exception {
        byte[] first = write(n, null);

        assertThat(parse(first).getMessageID()).isEqualTo("<issue-2026-11-22@news.example.com>");
        assertThat(write(n, null)).isEqualTo(first);
    }

    @Test
    void should_set_list_unsubscribe_with_one_click() throws Exception {
        MimeMessage m = parse(write(n, "unsubscribe@news.example.com"));

        assertThat(m.getHeader("List-Unsubscribe", null).replaceAll("\\r?\\n\\s*", " "))
                .isEqualTo("<mailto:unsubscribe@news.example.com>, <" + SampleNewsletters.UNSUBSCRIBE + ">");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void should_skip_one_click_when_unsubscribe_url_is_not_https() throws Exception {
        Newsletter plainHttp = new Newsletter(n.issueDate(), n.title(), n.subject(), n.preheader(), n.stories(),
                "javascript:alert(1)");

        MimeMessage m = parse(write(plainHttp, "mailto:unsubscribe@news.example.com"));

        assertThat(m.getHeader("List-Unsubscribe", null)).isEqualTo("<mailto:unsubscribe@news.example.com>");
        assertThat(m.getHeader("List-Unsubscribe-Post")).isNull();
    }

    @Test
    void should_reject_header_injection_in_mailto() {
        assertThatThrownBy(() -> write(n, "a@b.example>\r\nBcc: victim@example.org"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_set_from_to_date_and_utf8_subject() throws Exception {
        Newsletter accented = new Newsletter(n.issueDate(), n.title(), "Café society — the AI issue ✨",
                n.preheader(), n.stories(), n.unsubscribeUrl());

        byte[] eml = write(accented, null);
        MimeMessage m = parse(eml);

        assertThat(m.getSubject()).isEqualTo("Café society — the AI issue ✨");
        assertThat(new String(eml, StandardCharsets.US_ASCII)).contains("Subject: =?UTF-8?");
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("editor@news.example.com");
        assertThat(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress())
                .isEqualTo("reader@example.org");
        assertThat(m.getSentDate().toInstant()).isEqualTo(NOW);
    }

    @Test
    void should_keep_the_raw_message_ascii_with_short_lines() {
        String raw = new String(write(n, null), StandardCharsets.ISO_8859_1);

        assertThat(raw.chars().allMatch(c -> c < 128)).isTrue();
        assertThat(raw.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
    }

    /** Quoted-printable turns line ends into CRLF on the wire; compare content, not line-end style. */
    private static String normalise(String s) {
        return s.replace("\r\n", "\n");
    }
}
