package aieditor.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import aieditor.ai.ArticleScore;
import aieditor.ai.Keyword;
import aieditor.ai.ScoringCriteria;
import aieditor.model.Article;

class OfflineScorerTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private final OfflineScorer scorer = new OfflineScorer();

    private static ScoringCriteria criteria(List<String> keywords) {
        return criteria(String.join(", ", keywords));
    }

    /** Keywords in the setting's syntax, context terms in brackets. */
    private static ScoringCriteria criteria(String keywords) {
        return new ScoringCriteria(NOW, Keyword.parseList(keywords), Map.of("the-verge", 0.8), 0.5, 24);
    }

    private static Article article(String source, String title, Instant publishedAt, String summary, String body) {
        return new Article(null, source, title, "https://example.com/a", "https://example.com/a", null,
                publishedAt, summary, body);
    }

    @Test
    void should_identify_itself_as_offline() {
        assertThat(scorer.name()).isEqualTo("offline");
        assertThat(scorer.model()).isEqualTo("offline-scorer-1");
    }

    @Test
    void should_halve_recency_every_half_life() {
        Article fresh = article("x", "t", NOW, "", "");
        Article dayOld = article("x", "t", NOW.minus(Duration.ofHours(24)), "", "");
        Article twoDays = article("x", "t", NOW.minus(Duration.ofHours(48)), "", "");

        assertThat(scorer.score(fresh, criteria(List.of())).recency()).isCloseTo(1.0, within(1e-9));
        assertThat(scorer.score(dayOld, criteria(List.of())).recency()).isCloseTo(0.5, within(1e-9));
        assertThat(scorer.score(twoDays, criteria(List.of())).recency()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void should_give_fixed_recency_to_undated_articles() {
        ArticleScore score = scorer.score(article("x", "t", null, "", ""), criteria(List.of("ai")));

        assertThat(score.recency()).isEqualTo(0.3);
        assertThat(score.rationale()).startsWith("Undated");
    }

    @Test
    void should_treat_future_dates_as_brand_new() {
        Article future = article("x", "t", NOW.plus(Duration.ofHours(5)), "", "");

        assertThat(scorer.score(future, criteria(List.of())).recency()).isEqualTo(1.0);
    }

    @Test
    void should_weigh_keyword_in_title_above_same_keyword_in_body() {
        Article inTitle = article("x", "New chips for AI", NOW, "", "<p>A story about hardware.</p>");
        Article inBody = article("x", "New chips", NOW, "", "<p>A story about AI hardware.</p>");

        double titleRelevance = scorer.score(inTitle, criteria(List.of("ai"))).relevance();
        double bodyRelevance = scorer.score(inBody, criteria(List.of("ai"))).relevance();

        assertThat(titleRelevance).isCloseTo(1 - Math.exp(-3 / 4.0), within(1e-9));
        assertThat(bodyRelevance).isCloseTo(1 - Math.exp(-1 / 4.0), within(1e-9));
    }

    @Test
    void should_match_keywords_as_whole_words_only() {
        Article noMatch = article("x", "Said the maid", NOW, "Training a bot", "Chairs and aims");

        ArticleScore score = scorer.score(noMatch, criteria(List.of("ai")));

        assertThat(score.relevance()).isZero();
        assertThat(score.rationale()).contains("no keyword matches");
    }

    @Test
    void should_match_multi_word_keywords_case_insensitively() {
        Article a = article("x", "Why Machine   Learning matters", NOW, "", "");

        ArticleScore score = scorer.score(a, criteria(List.of("machine learning")));

        assertThat(score.relevance()).isGreaterThan(0.5);
        assertThat(score.rationale()).contains("machine learning");
    }

    @Test
    void should_saturate_relevance_below_one() {
        String body = "AI ".repeat(500);
        Article a = article("x", "AI AI AI", NOW, "AI and AI", body);

        double relevance = scorer.score(a, criteria(List.of("ai"))).relevance();

        assertThat(relevance).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
    }

    @Test
    void should_use_source_weight_or_default() {
        assertThat(scorer.score(article("the-verge", "t", NOW, "", ""), criteria(List.of())).sourceWeight())
                .isEqualTo(0.8);
        assertThat(scorer.score(article("unknown", "t", NOW, "", ""), criteria(List.of())).sourceWeight())
                .isEqualTo(0.5);
        assertThat(scorer.score(article(null, "t", NOW, "", ""), criteria(List.of())).sourceWeight())
                .isEqualTo(0.5);
    }

    @Test
    void should_rate_long_quoted_figure_rich_body_as_more_substantial() {
        String rich = "<p>" + "The company shipped 1,200 GPUs and revenue rose 27% to $40 million. ".repeat(40)
                + "\u201CThis is the biggest launch we have done,\u201D said the chief executive.</p>";
        String thin = "<p>Short note.</p>";

        double richSubstance = scorer.score(article("x", "t", NOW, "", rich), criteria(List.of())).substance();
        double thinSubstance = scorer.score(article("x", "t", NOW, "", thin), criteria(List.of())).substance();

        assertThat(richSubstance).isGreaterThan(0.6).isLessThanOrEqualTo(1.0);
        assertThat(thinSubstance).isLessThan(0.05);
    }

    @Test
    void should_score_empty_article_without_failing() {
        Article empty = new Article(null, null, null, null, null, null, null, null, null);

        ArticleScore score = scorer.score(empty, criteria(List.of("ai")));

        assertThat(score.substance()).isZero();
        assertThat(score.relevance()).isZero();
        assertThat(score.total()).isBetween(0.0, 100.0);
    }

    @Test
    void should_combine_parts_into_total_rounded_to_one_decimal() {
        Article a = article("the-verge", "AI chips arrive", NOW.minus(Duration.ofHours(6)), "About AI chips.",
                "<p>Northwind Labs said the AI chips cost $40 million.</p>");

        ArticleScore s = scorer.score(a, criteria(List.of("ai", "chips")));

        double expected = 100 * (0.30 * s.recency() + 0.35 * s.relevance() + 0.15 * s.sourceWeight()
                + 0.20 * s.substance());
        assertThat(s.total()).isEqualTo(Math.round(expected * 10) / 10.0);
        assertThat(s.total() * 10).isCloseTo(Math.rint(s.total() * 10), within(1e-9));
    }

    @Test
    void should_explain_score_in_one_sentence() {
        Article a = article("the-verge", "AI chips arrive", NOW.minus(Duration.ofHours(6)), "About AI chips.",
                "<p>Northwind Labs said the AI chips cost $40 million.</p>");

        String rationale = scorer.score(a, criteria(List.of("ai", "chips", "quantum"))).rationale();

        assertThat(rationale).startsWith("Fresh (6 h old), on topic (ai, chips)")
                .contains("source weight 0.8").contains("strongest: relevance").endsWith(".")
                .doesNotContain("quantum");
    }

    @Test
    void should_handle_non_ascii_keywords_and_text() {
        Article a = article("x", "Zoë Łukasiewicz in São Paulo", NOW, "", "<p>São Paulo hosts the summit.</p>");

        ArticleScore score = scorer.score(a, criteria(List.of("são paulo")));

        assertThat(score.relevance()).isCloseTo(1 - Math.exp(-4 / 4.0), within(1e-9));
    }

    /** The shipped keywords, so the examples below test what an installation actually runs with. */
    private static ScoringCriteria shipped() throws java.io.IOException {
        Properties p = new Properties();
        try (java.io.Reader r = Files.newBufferedReader(Path.of("application.properties"))) {
            p.load(r);
        }
        return criteria(p.getProperty("scoring.keywords"));
    }

    @Test
    void should_not_count_a_fashion_model_as_an_ai_model() throws Exception {
        Article ama = article("reddit", "I spent a week diving in the Maldives with a fashion model. AMA!", NOW,
                "Ask me anything about freediving, dive training and what a model eats on a liveaboard boat.",
                "<p>I'm a dive instructor. Last month a fashion model booked a private course with me. The model "
                        + "had never dived before, so we started with two days of pool training and breathing drills. "
                        + "By the end of the week she was diving to 18 metres. Her agent called every evening.</p>");

        ArticleScore score = scorer.score(ama, shipped());

        assertThat(score.relevance()).isLessThan(0.2);
        assertThat(score.rationale()).contains("no keyword matches").contains("model", "training", "agent")
                .contains("ignored: no context");
    }

    @Test
    void should_count_a_language_model_release_as_highly_relevant() throws Exception {
        Article release = article("wire", "OpenAI releases a new language model", NOW,
                "The model beats its predecessor on coding benchmarks.",
                "<p>The new model was trained on a larger dataset and is available to developers today.</p>");

        ArticleScore score = scorer.score(release, shipped());

        assertThat(score.relevance()).isGreaterThan(0.8);
        assertThat(score.rationale()).contains("on topic (language model, openai, model");
    }

    @Test
    void should_count_an_ambiguous_keyword_when_its_context_appears_anywhere() {
        Article contextInBody = article("x", "A new model for weather", NOW, "", "<p>Built on a neural network.</p>");
        Article noContext = article("x", "A new model for weather", NOW, "", "<p>Built by meteorologists.</p>");

        ScoringCriteria c = criteria("model[neural|llm]");

        assertThat(scorer.score(contextInBody, c).relevance()).isCloseTo(1 - Math.exp(-3 / 4.0), within(1e-9));
        assertThat(scorer.score(noContext, c).relevance()).isZero();
        assertThat(scorer.score(noContext, c).rationale()).contains("no keyword matches (model ignored: no context)");
    }

    @Test
    void should_match_plurals_and_possessives_but_never_parts_of_words() {
        ScoringCriteria c = criteria("model");

        assertThat(scorer.score(article("x", "Models compared", NOW, "", ""), c).relevance())
                .isCloseTo(1 - Math.exp(-3 / 4.0), within(1e-9));
        assertThat(scorer.score(article("x", "The model’s limits", NOW, "", ""), c).relevance())
                .isCloseTo(1 - Math.exp(-3 / 4.0), within(1e-9));
        assertThat(scorer.score(article("x", "How to remodel a kitchen", NOW, "Modelling clay", "Supermodels"), c)
                .relevance()).isZero();
    }

    @Test
    void should_count_singular_and_plural_listings_as_one_keyword() {
        Article a = article("x", "Models compared", NOW, "", "");

        assertThat(scorer.score(a, criteria("model, models")).relevance())
                .isEqualTo(scorer.score(a, criteria("model")).relevance());
    }

    @Test
    void should_give_overlapping_words_to_the_longer_keyword_only() {
        Article a = article("x", "A small language model", NOW, "", "");

        ArticleScore score = scorer.score(a, criteria("model, language model"));

        assertThat(score.relevance()).isCloseTo(1 - Math.exp(-3 / 4.0), within(1e-9));
        assertThat(score.rationale()).contains("on topic (language model)");
    }

    @Test
    void should_not_count_a_newspaper_word_of_the_shipped_keywords_without_ai_context() throws Exception {
        // seen with The Guardian's feed: the lead story of an AI newsletter was about mosquito nets
        Article nets = article("the-guardian", "Global use of mosquito nets for fishing 'endangering humans'", NOW,
                "New research finds the nets harm wildlife and the people who eat the catch.", "");
        Article forecasts = article("the-guardian", "New research on AI weather forecasts", NOW,
                "Machine learning beats physics models at ten-day forecasts.", "");

        assertThat(scorer.score(nets, shipped()).relevance()).isZero();
        assertThat(scorer.score(nets, shipped()).rationale()).contains("research").contains("ignored: no context");
        assertThat(scorer.score(forecasts, shipped()).relevance()).isPositive();
    }
}
