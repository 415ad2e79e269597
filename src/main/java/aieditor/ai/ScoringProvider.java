package aieditor.ai;

import aieditor.model.Article;

/** Scores an article for a given issue (0-100, higher is more newsworthy). */
public interface ScoringProvider extends Provider {
    ArticleScore score(Article article, ScoringCriteria criteria);
}
