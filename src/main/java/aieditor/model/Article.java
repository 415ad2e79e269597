package aieditor.model;

import java.time.Instant;

/**
 * One article as the pipeline knows it after ingest.
 *
 * @param id           database id, null before the article is stored
 * @param source       short source name, e.g. "the-verge" (one story per source per issue)
 * @param title        plain-text title (entities decoded, tags removed)
 * @param url          link as published
 * @param canonicalUrl normalised link used for dedupe
 * @param author       may be null
 * @param publishedAt  may be null when the source gave no date
 * @param summary      plain-text summary, may be empty
 * @param body         article body as published (HTML or Markdown), may be empty
 */
public record Article(Long id, String source, String title, String url, String canonicalUrl, String author,
                      Instant publishedAt, String summary, String body) {

    public Article withId(long newId) {
        return new Article(newId, source, title, url, canonicalUrl, author, publishedAt, summary, body);
    }

    /** The richest text we have for this article: the body, else the summary. */
    public String text() {
        return body != null && !body.isBlank() ? body : (summary == null ? "" : summary);
    }
}
