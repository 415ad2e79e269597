package aieditor.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void should_fold_diacritics_to_ascii() {
        assertThat(Text.ascii("Zoë Łukasiewicz São")).isEqualTo("ZoeLukasiewiczSao");
    }

    @Test
    void should_keep_zero_width_spaces_in_titles_but_break_prose_at_them() {
        assertThat(Text.collapse("Donau\u200Bdampf \u00A0 end")).isEqualTo("Donau\u200Bdampf end");
        assertThat(Text.collapseBreaks("It ended.\u200B Then")).isEqualTo("It ended. Then");
    }

    @Test
    void should_decode_entities_of_titles_but_only_the_markup_of_prose() {
        assertThat(Text.plain("AT&amp;T  buys")).isEqualTo("AT&T buys");
        assertThat(Text.plainProse("Q&amp;A  session")).isEqualTo("Q&amp;A session");
        assertThat(Text.plainProse("<p>Q&amp;A</p>")).isEqualTo("Q&A");
    }
}
