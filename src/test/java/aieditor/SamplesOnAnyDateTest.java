package aieditor;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled samples are a recording: run again for a later date on the same data, and for an earlier one after
 * that, each issue gets the whole sample set replayed for its date and comes out with five stories - a newcomer's
 * second try works like the first.
 */
class SamplesOnAnyDateTest extends PipelineTestSupport {

    @Test
    void should_make_an_issue_from_the_samples_for_every_date_run() throws Exception {
        List<LocalDate> dates = List.of(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 1));
        for (LocalDate date : dates) {
            runPipeline(date);

            assertThat(count("SELECT COUNT(*) FROM slot_selections WHERE issue_date = ?", date)).as("slots of %s", date).isEqualTo(5);
            assertThat(count("SELECT COUNT(*) FROM decorations WHERE issue_date = ? AND status = 'decorated'", date)).isEqualTo(5);
            assertThat(Files.exists(DATA.resolve("outbox").resolve(date.toString()).resolve("newsletter.html"))).isTrue();
            // this date's own copy of the recording, which no other date's issue picks from
            assertThat(count("SELECT COUNT(*) FROM articles WHERE replayed_for = ?", date.toString())).isBetween(40L, 50L);
            assertThat(count("SELECT COUNT(*) FROM slot_selections s JOIN articles a ON a.id = s.article_id "
                    + "WHERE s.issue_date = ? AND a.replayed_for <> ?", date, date.toString())).isZero();
        }
        // the same five stories each time: the recording, scored the same way
        List<String> first = jdbc().queryForList("SELECT a.title FROM slot_selections s JOIN articles a ON a.id = s.article_id "
                + "WHERE s.issue_date = ? ORDER BY s.slot", String.class, dates.get(0));
        for (LocalDate date : dates.subList(1, dates.size())) {
            assertThat(jdbc().queryForList("SELECT a.title FROM slot_selections s JOIN articles a ON a.id = s.article_id "
                    + "WHERE s.issue_date = ? ORDER BY s.slot", String.class, date)).isEqualTo(first);
        }
        assertThat(count("SELECT COUNT(*) FROM deliveries")).isEqualTo(3);
        // folder articles name their source by slug; with no configured name readers see the slug's words
        assertThat(jdbc().queryForObject("SELECT display_name FROM source_names WHERE slug = 'bramblecote-dispatch'",
                String.class)).isEqualTo("Bramblecote Dispatch");
        assertThat(Files.readString(DATA.resolve("outbox").resolve("2026-12-01").resolve("newsletter.txt")))
                .contains("via Bramblecote Dispatch").doesNotContain("via bramblecote-dispatch");
    }
}
