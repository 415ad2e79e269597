package aieditor.ingest;

import java.util.List;

import aieditor.model.Article;

/** Outcome of one dedupe pass: what survives, in input order, and what was dropped and why. */
public record DedupeResult(List<Article> kept, List<Duplicate> duplicates) {

    public DedupeResult {
        kept = List.copyOf(kept);
        duplicates = List.copyOf(duplicates);
    }
}
