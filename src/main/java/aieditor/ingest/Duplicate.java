package aieditor.ingest;

import aieditor.model.Article;

/** An article dropped by dedupe, with a human-readable reason for the editor's audit log. */
public record Duplicate(Article article, String reason) {
}
