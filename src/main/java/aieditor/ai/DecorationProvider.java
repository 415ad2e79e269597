package aieditor.ai;

import aieditor.model.Article;
import aieditor.model.Decoration;

/** Writes a headline (at most {@code headlineMaxChars}) and three bullets for a story. */
public interface DecorationProvider extends Provider {
    Decoration decorate(Article article, String cleanedText, int headlineMaxChars);
}
