package aieditor.ai.llm;

import aieditor.ai.ArticleScore;
import aieditor.ai.Keyword;
import aieditor.ai.ScoringCriteria;
import aieditor.ai.ScoringProvider;
import aieditor.ai.offline.OfflineScorer;
import aieditor.model.Article;
import aieditor.store.SystemPrompts;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scores an article with a model. The model judges the total and says why; the measured parts (recency,
 * relevance, source weight, substance) are still computed, so an editor can set the judgement beside them.
 */
public final class LlmScorer extends LlmTask implements ScoringProvider {
    private final OfflineScorer measured = new OfflineScorer();

    public LlmScorer(LlmClient client, SystemPrompts prompts, TaskModel model) {
        super(client, prompts, model);
    }

    @Override
    public ArticleScore score(Article article, ScoringCriteria criteria) {
        String system = TaskModel.fill(prompts.active("scoring").body(), Map.of("keywords",
                criteria.keywords().stream().map(Keyword::describe).collect(Collectors.joining(", "))));
        String user = "Now: " + criteria.now() + "\nSource: " + article.source() + "\nPublished: "
                + (article.publishedAt() == null ? "unknown" : article.publishedAt()) + "\nTitle: " + article.title()
                + "\nSummary: " + article.summary() + "\n\nArticle:\n" + article.text();
        ArticleScore parts = measured.score(article, criteria);
        return client.ask(model.request("scoring", system, user), json -> {
            if (!json.path("score").isNumber() || json.path("score").asDouble() < 0 || json.path("score").asDouble() > 100) {
                throw new InvalidAnswer("the score must be a number from 0 to 100, was " + json.path("score"));
            }
            String rationale = JsonAnswer.text(json, "rationale");
            return new ArticleScore(json.path("score").asDouble(), parts.recency(), parts.relevance(),
                    parts.sourceWeight(), parts.substance(), rationale.length() <= 1000 ? rationale : rationale.substring(0, 1000));
        });
    }
}
