package aieditor.ingest;

import aieditor.model.Article;
import aieditor.pipeline.StepResult;

import java.util.List;

/**
 * What reading one source gave: its articles, and its problems (skipped files, a failed fetch) kept apart from the
 * job's result until the source's turn to be stored, so the result reads in source order whichever fetch ended first;
 * and its visit (status, validators, timing) for the source's health row.
 */
public record SourceRead(Source source, List<Article> articles, StepResult problems, boolean failed, SourceVisit visit) {

    public SourceRead {
        articles = List.copyOf(articles);
    }
}
