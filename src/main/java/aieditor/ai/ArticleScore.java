package aieditor.ai;

/**
 * A score with its parts, each in [0, 1]; {@code total} is in [0, 100].
 * {@code rationale} is one sentence a human editor can read.
 */
public record ArticleScore(double total, double recency, double relevance, double sourceWeight, double substance,
                           String rationale) {
}
