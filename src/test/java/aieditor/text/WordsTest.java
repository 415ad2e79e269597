package aieditor.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void should_tokenise_non_ascii_words_and_figures_as_single_tokens() {
        assertThat(Words.words("Zoë Łukasiewicz paid $1,200.50 in São Paulo, state-of-the-art."))
                .containsExactly("Zoë", "Łukasiewicz", "paid", "1,200.50", "in", "São", "Paulo", "state-of-the-art");
    }
}
