package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox "send" is the rename of a whole .eml into place: never half a message, never written twice. */
class OutboxDeliveryTest {
    private static final Newsletter ISSUE = new Newsletter(LocalDate.of(2026, 11, 25), "The AI Editor",
            "Chips and robots", "Five stories", List.of(), "https://newsletter.example/unsubscribe");
    private final Path outbox = Path.of("target/outbox-delivery-test/" + System.nanoTime());
    private final OutboxDelivery delivery = new OutboxDelivery(outbox, new EmlWriter(Clock.systemUTC(), new Deliveries.Envelope(
            "The AI Editor <editor@newsletter.example>", "subscribers@newsletter.example", "unsubscribe@newsletter.example")));

    @Test
    void should_treat_the_issue_as_sent_when_a_resumed_send_finds_the_eml_of_an_attempt_that_died() throws Exception {
        Sends.deliver(delivery, ISSUE, "<p>first</p>", "first", List.of(), new MemoryLedger());
        Path eml = outbox.resolve("2026-11-25/newsletter.eml");
        Object fileKey = Files.readAttributes(eml, BasicFileAttributes.class).fileKey();
        var written = Files.getLastModifiedTime(eml);

        // the job that wrote it died before recording the send; its resumed attempt comes back with other content
        Receipt resumed = Sends.deliver(delivery, ISSUE, "<p>second</p>", "second", List.of(), new MemoryLedger());

        assertThat(resumed.location()).isEqualTo(outbox.resolve("2026-11-25").toString());
        assertThat(Files.readAttributes(eml, BasicFileAttributes.class).fileKey()).isEqualTo(fileKey);
        assertThat(Files.getLastModifiedTime(eml)).isEqualTo(written);
        assertThat(Files.readString(eml)).contains("first").doesNotContain("second");
    }

    @Test
    void should_not_count_a_half_written_message_as_sent() throws Exception {
        // an attempt killed while writing leaves only the temporary file
        Path dir = Files.createDirectories(outbox.resolve("2026-11-25"));
        Files.writeString(dir.resolve("newsletter.eml.partial"), "From: cut off mid-wr");

        Sends.deliver(delivery, ISSUE, "<p>whole</p>", "whole", List.of(), new MemoryLedger());

        assertThat(Files.readString(dir.resolve("newsletter.eml"))).contains("whole").contains("From: The AI Editor");
        assertThat(dir.resolve("newsletter.eml.partial")).doesNotExist();
    }
}
