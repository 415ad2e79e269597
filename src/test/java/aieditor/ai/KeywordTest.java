package aieditor.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeywordTest {

    @Test
    void should_parse_plain_keywords_and_keywords_with_context() {
        List<Keyword> k = Keyword.parseList(" AI , Machine  Learning, model[ai | llm|language model] ,, ");

        assertThat(k).containsExactly(new Keyword("ai", List.of()), new Keyword("machine learning", List.of()),
                new Keyword("model", List.of("ai", "llm", "language model")));
        assertThat(k.get(2).needsContext()).isTrue();
        assertThat(k.get(2)).hasToString("model[ai|llm|language model]");
    }

    @Test
    void should_keep_the_first_of_two_listings_of_the_same_words() {
        assertThat(Keyword.parseList("model[ai], models, Model"))
                .containsExactly(new Keyword("model", List.of("ai")));
    }

    @Test
    void should_describe_context_for_a_prompt() {
        assertThat(Keyword.parseList("model[ai|llm]").get(0).describe()).isEqualTo("model (only when about ai, llm)");
        assertThat(Keyword.parseList("gpu").get(0).describe()).isEqualTo("gpu");
    }

    @Test
    void should_reject_malformed_entries_naming_them() {
        assertThatThrownBy(() -> Keyword.parseList("ai, model[ai"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'model[ai'");
        assertThatThrownBy(() -> Keyword.parseList("model[]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty brackets");
        assertThatThrownBy(() -> Keyword.parseList("a|b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a|b'");
    }

    @Test
    void should_fold_plurals_and_possessives_only() {
        assertThat(WordForms.of("Models, model’s GPUs companies remodel boxes access AI's"))
                .containsExactly("model", "model", "gpu", "company", "remodel", "box", "access", "ai");
    }
}
