package aieditor.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import aieditor.model.Article;
import aieditor.model.Decoration;

class OfflineDecoratorTest {

    private final OfflineDecorator decorator = new OfflineDecorator();

    private static Article article(String title, String summary) {
        return new Article(null, "the-verge", title, "https://example.com/a", "https://example.com/a", "Ann Lee",
                Instant.parse("2026-03-10T10:00:00Z"), summary, "");
    }

    private static final String STORY = """
            Northwind Labs raised $40 million to build AI chips for data centres, the company said on Tuesday.

            The round was led by Aster Ventures and values the startup at $400 million.

            The weather in the city was pleasant.

            Northwind Labs says its AI chips run large language models 3.5x faster than current GPUs.

            Founded in 2021 by Dr. Zoë Łukasiewicz, the company employs 120 people in São Paulo and Berlin.

            Thanks.

            Northwind Labs plans to ship its first AI chips to 1,200 customers next year.
            """;

    @Test
    void should_identify_itself_as_offline() {
        assertThat(decorator.name()).isEqualTo("offline");
        assertThat(decorator.model()).isEqualTo("offline-extractive-1");
    }

    @Test
    void should_strip_outlet_suffix_from_title() {
        assertThat(OfflineDecorator.cleanTitle("Northwind raises $40M | TechCrunch", "techcrunch"))
                .isEqualTo("Northwind raises $40M");
        assertThat(OfflineDecorator.cleanTitle("Northwind raises $40M - The Verge", "the-verge"))
                .isEqualTo("Northwind raises $40M");
        assertThat(OfflineDecorator.cleanTitle("Northwind raises $40M \u2014 Ars Technica", "ars"))
                .isEqualTo("Northwind raises $40M");
        assertThat(OfflineDecorator.cleanTitle("  Chips   arrive  ", "x")).isEqualTo("Chips arrive");
    }

    @Test
    void should_keep_dash_that_is_part_of_the_headline() {
        assertThat(OfflineDecorator.cleanTitle("Nvidia beats estimates - shares jump 10%", "reuters"))
                .isEqualTo("Nvidia beats estimates - shares jump 10%");
    }

    @Test
    void should_respect_headline_limit_at_word_boundary_without_dangling_stop_word() {
        Article a = article("Northwind Labs raises money for the next generation of AI chips | The Verge", "");

        String headline = decorator.decorate(a, STORY, 36).headline();

        // 36 chars would end in "...money for the"; the dangling "for the" is dropped.
        assertThat(headline).isEqualTo("Northwind Labs raises money");
        assertThat(headline.length()).isLessThanOrEqualTo(36);
    }

    @Test
    void should_not_leave_trailing_punctuation_when_shortening() {
        assertThat(OfflineDecorator.shortenHeadline("Chips, models, and data centres: what changed", 22))
                .isEqualTo("Chips, models");
    }

    @Test
    void should_hard_cut_a_single_word_longer_than_limit() {
        assertThat(OfflineDecorator.shortenHeadline("Pneumonoultramicroscopicsilicovolcanoconiosis", 10))
                .isEqualTo("Pneumonoul");
    }

    @Test
    void should_keep_short_headline_unchanged() {
        assertThat(decorator.decorate(article("AI chips arrive", ""), STORY, 80).headline())
                .isEqualTo("AI chips arrive");
    }

    @Test
    void should_pick_three_informative_sentences_in_original_order() {
        Decoration d = decorator.decorate(article("Northwind Labs raises $40 million for AI chips", ""), STORY, 80);

        assertThat(d.bullets()).hasSize(3);
        assertThat(d.bullets()).noneMatch(b -> b.contains("weather") || b.equals("Thanks."));
        assertThat(d.bullets()).allMatch(b -> STORY.contains(b));
        List<Integer> positions = d.bullets().stream().map(STORY::indexOf).toList();
        assertThat(positions).isSorted();
    }

    @Test
    void should_skip_sentences_that_repeat_the_headline() {
        String text = "Northwind Labs raises $40 million for AI chips. "
                + "The round was led by Aster Ventures with 12 other investors. "
                + "The chips target inference workloads in large data centres. "
                + "Customers include three of the largest cloud providers in Europe.";

        Decoration d = decorator.decorate(article("Northwind Labs raises $40 million for AI chips", ""), text, 80);

        assertThat(d.bullets()).doesNotContain("Northwind Labs raises $40 million for AI chips.");
        assertThat(d.bullets()).hasSize(3);
    }

    @Test
    void should_not_pick_near_duplicate_sentences() {
        String text = "Northwind Labs raised $40 million from Aster Ventures on Tuesday. "
                + "Northwind Labs raised $40 million from Aster Ventures on Tuesday morning. "
                + "The chips target inference workloads in large data centres. "
                + "Customers include three of the largest cloud providers in Europe.";

        List<String> bullets = decorator.decorate(article("Chip startup funded", ""), text, 80).bullets();

        assertThat(bullets.stream().filter(b -> b.startsWith("Northwind Labs raised"))).hasSize(1);
    }

    @Test
    void should_keep_exactly_three_bullets_for_short_text() {
        Decoration d = decorator.decorate(
                article("Northwind ships chips", "Northwind Labs started shipping its first chips this week."),
                "The chips are made in Taiwan by a contract manufacturer.", 80);

        assertThat(d.bullets()).containsExactly(
                "The chips are made in Taiwan by a contract manufacturer.",
                "Northwind Labs started shipping its first chips this week.",
                "Northwind ships chips");
    }

    @Test
    void should_keep_exactly_three_non_empty_bullets_for_empty_body() {
        Article empty = new Article(null, "the-verge", "", null, null, null, null, null, null);

        Decoration d = decorator.decorate(empty, "", 80);

        assertThat(d.bullets()).hasSize(3).allMatch(b -> !b.isBlank()).doesNotHaveDuplicates();
    }

    @Test
    void should_trim_long_bullets_to_220_chars_at_word_boundary() {
        String longSentence = "Northwind Labs " + "announced a very ambitious expansion plan ".repeat(12) + "today.";

        List<String> bullets = decorator.decorate(article("Expansion", ""), longSentence, 80).bullets();

        assertThat(bullets.get(0)).hasSizeLessThanOrEqualTo(220).endsWith("…");
        assertThat(longSentence).startsWith(bullets.get(0).substring(0, bullets.get(0).length() - 1));
        assertThat(bullets.get(0)).doesNotEndWith(" …");
    }

    @Test
    void should_handle_non_ascii_text() {
        String text = "Zoë Łukasiewicz opened a lab in São Paulo with 40 researchers. "
                + "The lab will study energy-efficient AI models for Latin American languages. "
                + "Funding comes from a consortium of universities in Brazil and Poland.";

        Decoration d = decorator.decorate(article("Zoë Łukasiewicz opens São Paulo lab", ""), text, 80);

        assertThat(d.headline()).isEqualTo("Zoë Łukasiewicz opens São Paulo lab");
        assertThat(d.bullets()).hasSize(3).anyMatch(b -> b.contains("Zoë Łukasiewicz"));
    }

    @Test
    void should_use_lead_sentence_when_title_is_missing() {
        Decoration d = decorator.decorate(article(null, ""), STORY, 200);

        assertThat(d.headline()).startsWith("Northwind Labs raised $40 million");
    }
}
