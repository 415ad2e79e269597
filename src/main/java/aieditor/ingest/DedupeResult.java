package aieditor.ingest;

import java.util.List;
import java.util.Map;

import aieditor.model.Article;

/**
 * Outcome of one dedupe pass: what survives, in input order, and what was dropped and why. A kept article that
 * repeats a story another source already has is in {@code storyOf}: its canonical URL maps to that story's key (the
 * canonical URL of the story's first article), so the issue can show it as "Also reported by".
 */
public record DedupeResult(List<Article> kept, List<Duplicate> duplicates, Map<String, SameStory> storyOf) {

    /** A kept article's story: the key it joins and the article it was found to repeat. */
    public record SameStory(String storyKey, Article of, double similarity) {
    }

    public DedupeResult {
        kept = List.copyOf(kept);
        duplicates = List.copyOf(duplicates);
        storyOf = Map.copyOf(storyOf);
    }
}
