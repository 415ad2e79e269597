package aieditor.mautic_send;

import aieditor.PipelineTestSupport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A German newsletter title and headlines in Japanese, Korean, Greek, French and German with emoji, through the whole
 * pipeline: the sent .eml carries them in Subject, From and the HTML as written, in a 7-bit message. The title's
 * apostrophe once broke html_compile, whose route pasted the title into an expression.
 */
class NonAsciiIssueTest extends PipelineTestSupport {
    private static final String TITLE = "Claudia's KI-Zeitung — Ausgabe für Käse";
    private static final LocalDate DATE = LocalDate.of(2026, 11, 17);

    static {
        System.setProperty("ingest.feeds", "");
        System.setProperty("ingest.folders", "src/test/resources/unicode");
        System.setProperty("newsletter.title", TITLE);
        // no display name of its own: readers see the title
        System.setProperty("newsletter.from", "editor@newsletter.example");
    }

    @Test
    void should_carry_a_non_ascii_title_and_headlines_in_subject_from_and_html() throws Exception {
        runPipeline(DATE);

        String subject = jdbc().queryForObject("SELECT subject FROM issues WHERE issue_date = ?", String.class, DATE);
        List<String> headlines = jdbc().queryForList("SELECT headline FROM decorations WHERE issue_date = ? ORDER BY slot",
                String.class, DATE);
        assertThat(subject).isEqualTo(TITLE + ": " + headlines.get(0));
        assertThat(headlines).hasSizeGreaterThanOrEqualTo(3).allMatch(h -> h.chars().anyMatch(c -> c > 127));
        byte[] eml = Files.readAllBytes(DATA.resolve("outbox").resolve(DATE.toString()).resolve("newsletter.eml"));
        String raw = new String(eml, StandardCharsets.ISO_8859_1);
        MimeMessage m = MailClient.parse(eml);

        assertThat(m.getSubject()).isEqualTo(subject);
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo(TITLE);
        assertThat(from.getAddress()).isEqualTo("editor@newsletter.example");
        assertThat(raw.chars().allMatch(c -> c < 128)).as("a 7-bit message").isTrue();
        assertThat(raw).containsPattern("(?m)^Subject: =\\?UTF-8\\?").containsPattern("(?m)^From:\\s+=\\?UTF-8\\?")
                .containsPattern("(?m)^Date: ").containsPattern("(?m)^Message-ID: <issue-2026-11-17@newsletter\\.example>")
                .containsPattern("(?m)^List-Unsubscribe: ").contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
        String html = MailClient.htmlPart(m);
        assertThat(headlines).allSatisfy(h -> assertThat(html).contains(h));
        assertThat(html).contains(TITLE.replace("'", "&#39;"));
        assertThat(MailClient.requireImagesLoad(m)).hasSize(headlines.size());
    }
}
