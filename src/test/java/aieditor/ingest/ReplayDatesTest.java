package aieditor.ingest;

import aieditor.model.Article;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayDatesTest {
    private static Article at(String title, String when) {
        return new Article(null, "s", title, "u", "u", null, when == null ? null : Instant.parse(when), "", "");
    }

    @Test
    void should_move_the_newest_article_to_the_anchor_and_keep_the_spacing() {
        List<Article> replayed = ArticleStore.replay(List.of(at("a", "2026-11-17T10:00:00Z"), at("b", "2026-11-18T10:00:00Z"),
                at("undated", null)), Instant.parse("2026-12-01T09:00:00Z"));

        assertThat(replayed.get(1).publishedAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(replayed.get(0).publishedAt()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(replayed.get(2).publishedAt()).isNull();
    }

    @Test
    void should_leave_a_source_without_dates_alone() {
        List<Article> undated = List.of(at("x", null));
        assertThat(ArticleStore.replay(undated, Instant.now())).isEqualTo(undated);
    }
}
