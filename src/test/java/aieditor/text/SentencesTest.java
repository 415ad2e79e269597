package aieditor.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void should_not_split_sentences_at_abbreviations_decimals_or_initials() {
        String text = "Dr. Smith met U.S. Senate staff on Jan. 5 to discuss a 3.5x gain. "
                + "The chip costs $2.50 per unit, e.g. less than rivals. J. Doe agreed.";

        assertThat(Sentences.split(text)).containsExactly(
                "Dr. Smith met U.S. Senate staff on Jan. 5 to discuss a 3.5x gain.",
                "The chip costs $2.50 per unit, e.g. less than rivals.",
                "J. Doe agreed.");
    }

    @Test
    void should_split_after_acronym_when_a_new_sentence_starts() {
        assertThat(Sentences.split("It expands in the U.S. The firm hired 40 people."))
                .containsExactly("It expands in the U.S.", "The firm hired 40 people.");
    }

    @Test
    void should_keep_closing_quotes_with_their_sentence() {
        String text = "\u201CWe are ready,\u201D she said. \u201CIs it done?\u201D he asked. \"Yes.\" Then silence.";

        assertThat(Sentences.split(text)).containsExactly("\u201CWe are ready,\u201D she said.",
                "\u201CIs it done?\u201D he asked.", "\"Yes.\"", "Then silence.");
    }

    @Test
    void should_treat_line_breaks_as_sentence_boundaries() {
        assertThat(Sentences.split("A heading\n\nBody text here.")).containsExactly("A heading", "Body text here.");
    }
}
