package aieditor.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void should_not_split_sentences_at_abbreviations_decimals_or_initials() {
        String text = "Dr. Smith met U.S. Senate staff on Jan. 5 to discuss a 3.5x gain. "
                + "The chip costs $2.50 per unit, e.g. less than rivals. J. Doe agreed.";

        assertThat(Text.sentences(text)).containsExactly(
                "Dr. Smith met U.S. Senate staff on Jan. 5 to discuss a 3.5x gain.",
                "The chip costs $2.50 per unit, e.g. less than rivals.",
                "J. Doe agreed.");
    }

    @Test
    void should_split_after_acronym_when_a_new_sentence_starts() {
        assertThat(Text.sentences("It expands in the U.S. The firm hired 40 people."))
                .containsExactly("It expands in the U.S.", "The firm hired 40 people.");
    }

    @Test
    void should_keep_closing_quotes_with_their_sentence() {
        String text = "\u201CWe are ready,\u201D she said. \u201CIs it done?\u201D he asked. \"Yes.\" Then silence.";

        assertThat(Text.sentences(text)).containsExactly("\u201CWe are ready,\u201D she said.",
                "\u201CIs it done?\u201D he asked.", "\"Yes.\"", "Then silence.");
    }

    @Test
    void should_treat_line_breaks_as_sentence_boundaries() {
        assertThat(Text.sentences("A heading\n\nBody text here.")).containsExactly("A heading", "Body text here.");
    }

    @Test
    void should_tokenise_non_ascii_words_and_figures_as_single_tokens() {
        assertThat(Text.words("Zoë Łukasiewicz paid $1,200.50 in São Paulo, state-of-the-art."))
                .containsExactly("Zoë", "Łukasiewicz", "paid", "1,200.50", "in", "São", "Paulo", "state-of-the-art");
    }

    @Test
    void should_cut_at_word_boundary_or_hard_cut_single_long_word() {
        assertThat(Text.cutAtWord("alpha beta gamma", 12)).isEqualTo("alpha beta");
        assertThat(Text.cutAtWord("supercalifragilistic", 5)).isEqualTo("super");
        assertThat(Text.trimDangling("Deal signed with the")).isEqualTo("Deal signed");
    }

    @Test
    void should_fold_diacritics_to_ascii() {
        assertThat(Text.ascii("Zoë Łukasiewicz São")).isEqualTo("ZoeLukasiewiczSao");
    }
}
