package aieditor.ingest;

import java.util.List;

import aieditor.model.Article;

/** Articles loaded from a folder plus one message per file or item that had to be skipped. */
public record FolderResult(List<Article> articles, List<String> problems) {

    public FolderResult {
        articles = List.copyOf(articles);
        problems = List.copyOf(problems);
    }
}
