package aieditor.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import aieditor.model.Article;

/**
 * Reads a Markdown file with a small front-matter block. We parse only flat "key: value" lines rather than
 * pull in a YAML library: the editors write these by hand and need nothing more.
 */
final class MarkdownArticles {

    private static final Set<String> KEYS = Set.of("title", "source", "url", "author", "published", "summary");

    private MarkdownArticles() {
    }

    /** @throws IllegalArgumentException when there is no front matter or a line in it is not "key: value" */
    static Article parse(String markdown, String fileName) {
        List<String> lines = markdown.replace("\uFEFF", "").lines().toList();
        int open = indexOfFence(lines, 0);
        int close = open < 0 ? -1 : indexOfFence(lines, open + 1);
        if (close < 0) {
            throw new IllegalArgumentException("no front matter between two '---' lines");
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : lines.subList(open + 1, close)) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("front matter line is not 'key: value': " + line.strip());
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (KEYS.contains(key)) {
                fields.put(key, unquote(line.substring(colon + 1).strip()));
            }
        }
        String body = String.join("\n", lines.subList(close + 1, lines.size()));
        return ArticleFields.toArticle(fields, body, SourceNames.baseName(fileName));
    }

    private static int indexOfFence(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                return i;
            }
        }
        return -1;
    }

    // editors copy YAML habits, so title: "Foo: the sequel" must not keep its quotes
    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
