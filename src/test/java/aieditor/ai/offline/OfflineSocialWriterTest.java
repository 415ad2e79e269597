package aieditor.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import aieditor.model.Decoration;

class OfflineSocialWriterTest {

    private final OfflineSocialWriter writer = new OfflineSocialWriter();

    private static final Decoration STORY = new Decoration("Northwind Labs raises $40 million for AI chips",
            List.of("The round, led by **Aster Ventures**, values Northwind Labs at $400 million.",
                    "Its AI chips run models **3.5x** faster.", "Shipping starts next year."));

    private static final String URL = "https://example.com/news/northwind";

    @Test
    void should_identify_itself_as_offline() {
        assertThat(writer.name()).isEqualTo("offline");
        assertThat(writer.model()).isEqualTo("offline-social-1");
    }

    @Test
    void should_write_headline_bullet_hashtags_and_link() {
        String post = writer.post(STORY, URL, 280);

        assertThat(post).isEqualTo("Northwind Labs raises $40 million for AI chips. "
                + "The round, led by Aster Ventures, values Northwind Labs at $400 million. "
                + "#NorthwindLabs #AsterVentures " + URL);
    }

    @Test
    void should_fold_non_ascii_names_into_ascii_hashtags() {
        Decoration d = new Decoration("New lab opens",
                List.of("Zoë Łukasiewicz opened the lab in São Paulo.", "b", "c"));

        String post = writer.post(d, URL, 280);

        assertThat(post).contains("#ZoeLukasiewicz #SaoPaulo");
    }

    @Test
    void should_drop_hashtags_before_cutting_the_bullet() {
        String full = writer.post(STORY, URL, 280);
        String withoutTags = full.replace(" #NorthwindLabs #AsterVentures", "");

        assertThat(writer.post(STORY, URL, withoutTags.length())).isEqualTo(withoutTags);
    }

    @Test
    void should_respect_limit_with_long_url() {
        String longUrl = "https://example.com/" + "very-long-path-segment/".repeat(8) + "?utm_source=newsletter";

        for (int max = 60; max <= 400; max += 7) {
            String post = writer.post(STORY, longUrl, max);
            assertThat(post.length()).as("max %d", max).isLessThanOrEqualTo(Math.max(max, longUrl.length()));
            assertThat(post).endsWith(longUrl);
        }
        String post = writer.post(STORY, longUrl, 300);
        assertThat(post).startsWith("Northwind Labs raises $40 million for AI chips. The round").contains("…");
        assertThat(post).doesNotContain("#");
    }

    @Test
    void should_drop_bullet_but_keep_headline_and_url_when_space_is_tight() {
        assertThat(writer.post(STORY, URL, 100))
                .isEqualTo("Northwind Labs raises $40 million for AI chips. " + URL);
    }

    @Test
    void should_cut_headline_only_when_it_alone_exceeds() {
        String post = writer.post(STORY, URL, 60);

        assertThat(post).hasSizeLessThanOrEqualTo(60).endsWith(" " + URL).isEqualTo("Northwind Labs raises… " + URL);
    }

    @Test
    void should_remove_markdown_bold_from_bullet() {
        assertThat(writer.post(STORY, URL, 280)).doesNotContain("**");
    }

    @Test
    void should_use_acronyms_when_no_names_exist() {
        Decoration d = new Decoration("Chip prices fall", List.of("GPU prices fell as AI demand cooled.", "b", "c"));

        assertThat(writer.post(d, URL, 280)).contains("#GPU #AI");
    }
}
