package aieditor.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TitleSimilarityTest {

    private static final String QUILLMARK = "Quillmark raises $40M to build AI fact-checking tools";

    @Test
    void should_treat_reworded_money_and_case_as_near_duplicates() {
        String other = "Quillmark Raises $40 Million to Build AI Fact-Checking Tools";

        assertThat(TitleSimilarity.nearDuplicate(QUILLMARK, other, 0.8)).isTrue();
        assertThat(TitleSimilarity.similarity(QUILLMARK, other)).isEqualTo(1.0);
    }

    @Test
    void should_normalise_all_spellings_of_an_amount_to_one_token() {
        assertThat(TitleSimilarity.tokens("$40M")).containsExactly("40m");
        assertThat(TitleSimilarity.tokens("$40 million")).containsExactly("40m");
        assertThat(TitleSimilarity.tokens("40 million")).containsExactly("40m");
        assertThat(TitleSimilarity.tokens("$1.5bn")).isEqualTo(TitleSimilarity.tokens("1.5 billion"));
        assertThat(TitleSimilarity.tokens("$2,500 thousand")).isEqualTo(TitleSimilarity.tokens("$2500K"));
    }

    @Test
    void should_not_match_unrelated_titles_that_share_words() {
        String other = "Northwind raises $40M to build AI chips";

        assertThat(TitleSimilarity.nearDuplicate(QUILLMARK, other, 0.8)).isFalse();
        assertThat(TitleSimilarity.similarity(QUILLMARK, other)).isLessThan(0.5);
    }

    @Test
    void should_ignore_accents_punctuation_and_stop_words() {
        assertThat(TitleSimilarity.tokens("The Zürich café: a new “AI” menu!"))
                .containsExactly("zurich", "cafe", "new", "ai", "menu");
        assertThat(TitleSimilarity.similarity("Zürich café opens", "zurich cafe opens")).isEqualTo(1.0);
    }

    @Test
    void should_decode_html_in_titles_before_comparing() {
        assertThat(TitleSimilarity.similarity("AT&amp;T <b>buys</b> Quillmark", "AT&T buys Quillmark"))
                .isEqualTo(1.0);
    }

    @Test
    void should_score_jaccard_of_token_sets() {
        // {alpha, beta, gamma} vs {alpha, beta, delta}: 2 shared of 4 distinct
        assertThat(TitleSimilarity.similarity("alpha beta gamma", "alpha beta delta")).isEqualTo(0.5);
    }

    @Test
    void should_never_call_empty_titles_similar() {
        assertThat(TitleSimilarity.similarity("", "")).isZero();
        assertThat(TitleSimilarity.similarity("the of a", "a the")).isZero();
        assertThat(TitleSimilarity.nearDuplicate(null, "Anything", 0.0)).isFalse();
    }
}
