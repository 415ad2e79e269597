package aieditor.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShorteningTest {

    @Test
    void should_cut_at_word_boundary_or_hard_cut_single_long_word() {
        assertThat(Shortening.cutAtWord("alpha beta gamma", 12)).isEqualTo("alpha beta");
        assertThat(Shortening.cutAtWord("supercalifragilistic", 5)).isEqualTo("super");
        assertThat(Shortening.trimDangling("Deal signed with the")).isEqualTo("Deal signed");
    }
}
