package aieditor.ai;

/** Turns a raw article (HTML or Markdown) into clean readable plain text without boilerplate. */
public interface CleaningProvider extends Provider {
    String clean(String raw);
}
