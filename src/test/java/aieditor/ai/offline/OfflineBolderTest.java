package aieditor.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class OfflineBolderTest {

    private final OfflineBolder bolder = new OfflineBolder();

    private static long boldMarkers(String s) {
        return (s.length() - s.replace("**", "").length()) / 2;
    }

    @Test
    void should_identify_itself_as_offline() {
        assertThat(bolder.name()).isEqualTo("offline");
        assertThat(bolder.model()).isEqualTo("offline-bolder-1");
    }

    @Test
    void should_bold_money_figure_with_its_scale() {
        assertThat(bolder.bold(List.of("Northwind Labs raised $40 million from Aster Ventures.")))
                .containsExactly("Northwind Labs raised **$40 million** from Aster Ventures.");
    }

    @Test
    void should_bold_percentages_multipliers_and_counts_with_units() {
        assertThat(bolder.bold(List.of(
                "Revenue grew 27% year on year.",
                "The new chip runs models 3.5x faster.",
                "The cluster uses 1,200 GPUs in Oregon.")))
                .containsExactly(
                        "Revenue grew **27%** year on year.",
                        "The new chip runs models **3.5x** faster.",
                        "The cluster uses **1,200 GPUs** in Oregon.");
    }

    @Test
    void should_prefer_money_over_other_numbers() {
        assertThat(bolder.bold(List.of("In 2026 the 12 partners will invest €2.5bn together.")))
                .containsExactly("In 2026 the 12 partners will invest **€2.5bn** together.");
    }

    @Test
    void should_bold_named_entity_when_there_is_no_figure() {
        assertThat(bolder.bold(List.of("The deal was signed by Northwind Labs and a Dutch bank.")))
                .containsExactly("The deal was signed by **Northwind Labs** and a Dutch bank.");
    }

    @Test
    void should_not_treat_sentence_initial_article_as_part_of_the_name() {
        assertThat(bolder.bold(List.of("The European Commission opened an inquiry.")))
                .containsExactly("The **European Commission** opened an inquiry.");
    }

    @Test
    void should_bold_non_ascii_named_entity() {
        assertThat(bolder.bold(List.of("The lab is led by Zoë Łukasiewicz in Brazil.")))
                .containsExactly("The lab is led by **Zoë Łukasiewicz** in Brazil.");
    }

    @Test
    void should_fall_back_to_weighty_content_phrase() {
        List<String> out = bolder.bold(List.of("regulators worry about training data provenance and consent."));

        assertThat(out.get(0)).isEqualTo("regulators worry about **training data provenance** and consent.");
    }

    @Test
    void should_leave_bullets_that_already_contain_bold_markers_unchanged() {
        List<String> input = List.of("Already **bold** here.", "Unbalanced ** marker $5 million.", "**");

        assertThat(bolder.bold(input)).isEqualTo(input);
    }

    @Test
    void should_never_bold_the_whole_bullet() {
        assertThat(bolder.bold(List.of("$40 million", "Northwind Labs.", "single")))
                .containsExactly("$40 million", "Northwind Labs.", "single");
    }

    @Test
    void should_not_nest_inside_existing_emphasis() {
        List<String> out = bolder.bold(List.of("Funding from *Aster Ventures* reached new highs for chip startups."));

        assertThat(out.get(0)).doesNotContain("***").doesNotContain("*Aster Ventures**");
        assertThat(boldMarkers(out.get(0))).isEqualTo(2);
    }

    @Test
    void should_keep_count_order_and_balance() {
        List<String> input = new ArrayList<>(Arrays.asList("Revenue up 10%.", "", "Zoë Łukasiewicz leads it.",
                "plain words only here", null));

        List<String> out = bolder.bold(input);

        assertThat(out).hasSize(5);
        assertThat(out.get(1)).isEmpty();
        assertThat(out.get(4)).isNull();
        for (String s : out.subList(0, 4)) {
            assertThat(boldMarkers(s)).isIn(0L, 2L);
        }
        assertThat(out.get(0)).isEqualTo("Revenue up **10%**.");
    }

    @Test
    void should_bold_a_count_with_its_whole_noun_phrase_not_the_word_after_the_number() {
        assertThat(bolder.bold(List.of("CISA added 30 actively exploited flaws to its catalogue this week.")))
                .containsExactly("CISA added **30 actively exploited flaws** to its catalogue this week.");
    }

    @Test
    void should_bold_a_spelled_out_count_without_the_quantifier_before_it() {
        assertThat(bolder.bold(List.of("researchers found at least four malicious packages on the registry.")))
                .containsExactly("researchers found at least **four malicious packages** on the registry.");
    }

    @Test
    void should_bold_a_product_and_its_version_not_the_number_and_a_preposition() {
        assertThat(bolder.bold(List.of("the flaw affects Java 6 among other releases.")))
                .containsExactly("the flaw affects **Java 6** among other releases.");
    }

    @Test
    void should_never_start_or_end_a_span_on_a_function_word_or_dangling_modifier() {
        List<String> bullets = List.of(
                "CISA added 30 actively exploited flaws to its catalogue this week.",
                "researchers found at least four malicious packages on the registry.",
                "the flaw affects Java 6 among other releases.",
                "Attackers quietly compromised several build servers across Europe.",
                "In 2026 the agency will publish 3 of them.",
                "regulators worry about training data provenance and consent.");

        for (String out : bolder.bold(bullets)) {
            if (boldMarkers(out) == 0) {
                continue;
            }
            int start = out.indexOf("**");
            int end = out.indexOf("**", start + 2);
            String plain = out.replace("**", "");
            assertThat(BoldPhrase.problem(plain, start, end - 2)).as(out).isNull();
        }
    }

    @Test
    void should_keep_a_compound_noun_and_a_long_noun_phrase_after_a_count_whole() {
        assertThat(bolder.bold(List.of(
                "The cluster, to be housed in two existing data centres, will open in 2028.",
                "Our count finds at least 30 actively maintained evaluation harnesses, up from a dozen.",
                "Our count finds at least 30 actively maintained open-source evaluation harnesses, up from a dozen.")))
                .containsExactly(
                        "The cluster, to be housed in **two existing data centres**, will open in 2028.",
                        "Our count finds at least **30 actively maintained evaluation harnesses**, up from a dozen.",
                        // five words after the number are too many for one bold; the noun phrase at its end is not
                        "Our count finds at least 30 actively maintained **open-source evaluation harnesses**, up from a dozen.");
    }

    @Test
    void should_not_bold_a_number_that_counts_nothing() {
        assertThat(bolder.bold(List.of("the tally rose from about a dozen last year to more now.")).get(0))
                .doesNotContain("**dozen");
    }
}
