package aieditor.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules a bold span must meet, and how a model's spans are repaired to meet them. */
class BoldPhraseTest {

    private static String problem(String bolded) {
        int start = bolded.indexOf("**");
        int end = bolded.indexOf("**", start + 2) - 2;
        return BoldPhrase.problem(bolded.replace("**", ""), start, end);
    }

    @Test
    void should_accept_figures_names_and_noun_phrases() {
        assertThat(problem("Northwind raised **$2.1 billion** from investors.")).isNull();
        assertThat(problem("Revenue grew **40%** in a year.")).isNull();
        assertThat(problem("CISA added **30 actively exploited flaws** to its list.")).isNull();
        assertThat(problem("The deal was signed by **Northwind Labs** today.")).isNull();
        assertThat(problem("Regulators worry about **training data provenance** and consent.")).isNull();
    }

    @Test
    void should_name_what_is_wrong_with_a_fragment() {
        assertThat(problem("Researchers found at **least four malicious** packages.")).contains("function word 'least'");
        assertThat(problem("The flaw affects Java **6 among** other releases.")).contains("function word 'among'");
        assertThat(problem("CISA added **30 actively** exploited flaws.")).contains("'actively'");
        assertThat(problem("Researchers found **four malicious** packages.")).contains("does not end on what it counts");
        assertThat(problem("Researchers found **malicious** packages.")).contains("before the noun");
        assertThat(problem("The flaw affects Ja**va 6** and more.")).isEqualTo("cuts a word");
        assertThat(problem("In **2026** the agency acts.")).isEqualTo("is a bare number");
        assertThat(problem("**Northwind Labs.**")).isEqualTo("the whole bullet");
    }

    @Test
    void should_repair_the_three_fragments_seen_in_real_issues() {
        assertThat(BoldPhrase.repair("CISA added **30 actively** exploited flaws to its catalogue."))
                .isEqualTo("CISA added **30 actively exploited flaws** to its catalogue.");
        assertThat(BoldPhrase.repair("Researchers found at **least four malicious** packages on npm."))
                .isEqualTo("Researchers found at least **four malicious packages** on npm.");
        assertThat(BoldPhrase.repair("The flaw affects Java **6 among** other releases."))
                .isEqualTo("The flaw affects **Java 6** among other releases.");
    }

    @Test
    void should_widen_a_span_that_cuts_a_word_and_trim_punctuation_and_function_words() {
        assertThat(BoldPhrase.repair("The deal was signed by North**wind Labs** today."))
                .isEqualTo("The deal was signed by **Northwind Labs** today.");
        assertThat(BoldPhrase.repair("Funding came **from Aster Ventures,** a Dutch fund."))
                .isEqualTo("Funding came from **Aster Ventures**, a Dutch fund.");
        assertThat(BoldPhrase.repair("Northwind raised **$40 million.**"))
                .isEqualTo("Northwind raised **$40 million**.");
        assertThat(BoldPhrase.repair("Revenue grew **27%** year on year."))
                .isEqualTo("Revenue grew **27%** year on year.");
    }

    @Test
    void should_drop_spans_that_cannot_be_repaired_and_unbalanced_markers() {
        assertThat(BoldPhrase.repair("It shipped **in the** spring.")).isEqualTo("It shipped in the spring.");
        assertThat(BoldPhrase.repair("**Northwind Labs.**")).isEqualTo("Northwind Labs.");
        assertThat(BoldPhrase.repair("It shipped **1,200 chips.")).isEqualTo("It shipped 1,200 chips.");
        assertThat(BoldPhrase.repair("plain bullet")).isEqualTo("plain bullet");
    }
}
