package aieditor.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class JaccardTest {

    @Test
    void should_give_the_same_index_on_sets_and_on_sorted_word_numbers() {
        assertThat(Jaccard.of(Set.of(1, 2, 3), Set.of(2, 3, 4))).isEqualTo(0.5);
        assertThat(Jaccard.ofSorted(new int[]{1, 2, 3}, new int[]{2, 3, 4})).isEqualTo(0.5);
    }

    @Test
    void should_share_nothing_with_an_empty_set() {
        assertThat(Jaccard.of(Set.of(), Set.of())).isZero();
        assertThat(Jaccard.ofSorted(new int[0], new int[]{1})).isZero();
    }
}
