package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.html_compile.NewsletterHtml;
import aieditor.html_compile.NewsletterText;
import aieditor.html_compile.SampleNewsletters;
import aieditor.pipeline.PermanentFailure;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static aieditor.mautic_send.MailClient.htmlPart;
import static aieditor.mautic_send.MailClient.parse;
import static aieditor.mautic_send.MailClient.requireImagesLoad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmlWriterTest {

    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    private static final String FROM = "The AI Editor <editor@news.example.com>";
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Newsletter n = SampleNewsletters.realistic();
    private final String html = new NewsletterHtml().render(n);
    private final String text = new NewsletterText().render(n);
    private final Path imageDir = Path.of("target/eml-writer-test/" + System.nanoTime());

    private byte[] write(Newsletter newsletter, String mailto) {
        return eml(newsletter, html, FROM, mailto);
    }

    private byte[] eml(Newsletter newsletter, String html, String from, String mailto) {
        return EmlWriter.bytes(writer(from, mailto).outgoing(newsletter, html, text, List.of()).mime());
    }

    private static EmlWriter writer(String from, String mailto) {
        return new EmlWriter(CLOCK, new Deliveries.Envelope(from, "reader@example.org", mailto));
    }

    /** The sample issue with its five story images on disk, as the images step stores them (JPEG cards). */
    private Outgoing withImages() throws Exception {
        Newsletter illustrated = SampleNewsletters.realistic("images");
        List<IssueImage> images = Files.isDirectory(imageDir)
                ? illustrated.stories().stream().map(s -> new IssueImage(s.slot(), s.imageUrl(),
                imageDir.resolve("slot-" + s.slot() + ".jpg"))).toList()
                : SampleImages.onDisk(illustrated, imageDir);
        return writer(FROM, null).outgoing(illustrated, new NewsletterHtml().render(illustrated),
                new NewsletterText().render(illustrated), images);
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
    void should_carry_the_story_images_inside_the_message_as_cid_parts_of_a_related_part() throws Exception {
        Outgoing out = withImages();
        MimeMessage m = parse(EmlWriter.bytes(out.mime()));

        Multipart alternative = (Multipart) m.getContent();
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).as("text/plain first").isTrue();
        Part relatedPart = alternative.getBodyPart(1);
        assertThat(relatedPart.isMimeType("multipart/related")).isTrue();
        assertThat(relatedPart.getContentType()).contains("type=\"text/html\"");
        Multipart related = (Multipart) relatedPart.getContent();
        assertThat(related.getBodyPart(0).isMimeType("text/html")).as("the HTML is the related part's root").isTrue();
        assertThat(related.getCount()).isEqualTo(6);
        for (int i = 1; i < related.getCount(); i++) {
            Part image = related.getBodyPart(i);
            assertThat(image.isMimeType("image/jpeg")).isTrue();
            assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
            assertThat(image.getFileName()).isEqualTo("slot-" + i + ".jpg");
            assertThat(image.getInputStream().readAllBytes()).isEqualTo(Files.readAllBytes(imageDir.resolve("slot-" + i + ".jpg")));
        }
        List<String> srcs = requireImagesLoad(m);
        assertThat(srcs).hasSize(5).allMatch(src -> src.matches("cid:slot-[1-5]\\.issue-2026-11-22@news\\.example\\.com"));
        // the HTML part is the compiled HTML with only the image sources changed
        assertThat(htmlPart(m).replaceAll("cid:slot-(\\d)\\.issue-2026-11-22@news\\.example\\.com", "images/$1.png"))
                .isEqualTo(new NewsletterHtml().render(SampleNewsletters.realistic("images")).replace("\n", "\r\n"));
        assertThat(out.bytes()).isEqualTo(EmlWriter.bytes(out.mime()).length);
        assertThat(out.embeddedBytes()).isEqualTo(out.images().stream().mapToLong(MessageImage::bytes).sum()).isPositive();
        System.out.printf("[eml] sample issue with 5 embedded cards: %d bytes (images %d bytes before base64)%n",
                out.bytes(), out.embeddedBytes());
    }

    @Test
    void should_keep_hosted_images_as_their_https_urls_and_carry_nothing_for_them() throws Exception {
        Newsletter hosted = SampleNewsletters.realistic("https://cdn.example.com/2026-11-22");
        byte[] eml = eml(hosted, new NewsletterHtml().render(hosted), FROM, null);
        MimeMessage m = parse(eml);

        assertThat(((Multipart) m.getContent()).getBodyPart(1).isMimeType("text/html")).as("no related part").isTrue();
        assertThat(requireImagesLoad(m)).containsExactly("https://cdn.example.com/2026-11-22/1.png",
                "https://cdn.example.com/2026-11-22/2.png", "https://cdn.example.com/2026-11-22/3.png",
                "https://cdn.example.com/2026-11-22/4.png", "https://cdn.example.com/2026-11-22/5.png");
    }

    @Test
    void should_refuse_to_build_a_message_whose_image_file_is_missing() throws Exception {
        Outgoing whole = withImages();
        Files.delete(imageDir.resolve("slot-3.jpg"));

        assertThatThrownBy(this::withImages).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("the image of slot 3").hasMessageContaining("slot-3.jpg")
                .hasMessageContaining("is missing, so readers would see a broken image");
        assertThat(whole.images()).hasSize(5);
    }

    @Test
    void should_refuse_an_image_that_is_neither_hosted_nor_a_story_image() {
        String stray = html.replace("</body>", "<img src=\"images/logo.png\" alt=\"\"></body>");

        assertThatThrownBy(() -> eml(n, stray, FROM, null))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("'images/logo.png'")
                .hasMessageContaining("neither an https URL nor one of the issue's story images");
    }

    @Test
    void should_keep_stable_message_id_derived_from_issue_and_sender_domain() throws Exception {
        byte[] first = write(n, null);

        assertThat(parse(first).getMessageID()).isEqualTo("<issue-2026-11-22@news.example.com>");
        assertThat(write(n, null)).isEqualTo(first);
        assertThat(EmlWriter.bytes(withImages().mime())).isEqualTo(EmlWriter.bytes(withImages().mime()));
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
    void should_carry_a_non_ascii_title_and_headline_in_subject_and_from_as_encoded_words() throws Exception {
        String title = "Die KI-Zeitung — Ausgabe für Käse";
        String subject = title + ": 東京の研究所が新しいモデルを発表 🤖🧀 « Übersicht »";
        Newsletter german = new Newsletter(n.issueDate(), title, subject, n.preheader(), n.stories(), n.unsubscribeUrl());

        for (String from : new String[]{title + " <editor@news.example.com>", "\"" + title + "\" <editor@news.example.com>",
                "editor@news.example.com"}) {
            byte[] eml = eml(german, html, from, null);
            String raw = new String(eml, StandardCharsets.ISO_8859_1);
            MimeMessage m = parse(eml);

            assertThat(m.getSubject()).as(from).isEqualTo(subject);
            InternetAddress sender = (InternetAddress) m.getFrom()[0];
            // newsletter.from without a name: the title is the name readers see
            assertThat(sender.getPersonal()).as(from).isEqualTo(title);
            assertThat(sender.getAddress()).isEqualTo("editor@news.example.com");
            assertThat(raw.chars().allMatch(c -> c < 128)).as("7-bit headers and body for " + from).isTrue();
            assertThat(raw).containsPattern("(?m)^From: =\\?UTF-8\\?[QB]\\?").containsPattern("(?m)^Subject: =\\?UTF-8\\?[QB]\\?");
            String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
            assertThat(headers.split("\r\n")).as("folded header lines").allSatisfy(line ->
                    assertThat(line.length()).isLessThanOrEqualTo(78));
            assertThat(m.getHeader("Date", null)).isNotBlank();
            assertThat(m.getMessageID()).isEqualTo("<issue-2026-11-22@news.example.com>");
        }
    }

    @Test
    void should_keep_the_raw_message_ascii_with_short_lines() throws Exception {
        for (byte[] eml : List.of(write(n, null), EmlWriter.bytes(withImages().mime()))) {
            String raw = new String(eml, StandardCharsets.ISO_8859_1);

            assertThat(raw.chars().allMatch(c -> c < 128)).isTrue();
            assertThat(raw.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        }
    }

    /** Quoted-printable turns line ends into CRLF on the wire; compare content, not line-end style. */
    private static String normalise(String s) {
        return s.replace("\r\n", "\n");
    }
}
