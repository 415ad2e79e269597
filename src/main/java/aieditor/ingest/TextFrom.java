package aieditor.ingest;

import java.util.Locale;

import aieditor.model.Article;

/** Where an article's text came from, stored in articles.text_from. */
public enum TextFrom {
    /** The source's own body: a feed's content, a folder article's text, an Airtable record's. */
    FEED,
    /** Extracted from the article's web page, the feed having carried only a summary (see {@link FullText}). */
    PAGE,
    /** Only the summary: the feed had no body and no page was used. */
    SUMMARY;

    /** The column's value. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param pages the job's page fetches, which know the bodies they produced */
    static TextFrom of(Article article, PageFetches pages) {
        if (pages != null && pages.gave(article)) {
            return PAGE;
        }
        return article.body() == null || article.body().isBlank() ? SUMMARY : FEED;
    }
}
