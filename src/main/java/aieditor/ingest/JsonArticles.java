package aieditor.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import aieditor.model.Article;

/** Reads a JSON file holding one article object or an array of them. */
final class JsonArticles {

    // without FAIL_ON_TRAILING_TOKENS a file truncated/concatenated after the first object would load silently
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final List<String> FIELDS = List.of("source", "title", "url", "author", "published", "summary");

    private JsonArticles() {
    }

    /**
     * @throws IOException when the file is not JSON at all, so the caller skips the whole file;
     *                     a bad item in an array is reported through {@code problems} and only that item is skipped
     */
    static List<Article> parse(String json, String fileName, Consumer<String> problems) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new IOException("expected a JSON object or array");
        }
        List<JsonNode> items = new ArrayList<>();
        (root.isArray() ? root : MAPPER.createArrayNode().add(root)).forEach(items::add);
        String fallbackSource = SourceNames.baseName(fileName);
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String where = root.isArray() ? fileName + "[" + i + "]" : fileName;
            try {
                articles.add(toArticle(items.get(i), fallbackSource));
            } catch (IllegalArgumentException e) {
                problems.accept(where + ": " + e.getMessage());
            }
        }
        return articles;
    }

    private static Article toArticle(JsonNode item, String fallbackSource) {
        if (!item.isObject()) {
            throw new IllegalArgumentException("expected an object, got " + item.getNodeType());
        }
        Map<String, String> fields = new HashMap<>();
        for (String name : FIELDS) {
            fields.put(name, text(item, name));
        }
        return ArticleFields.toArticle(fields, text(item, "body"), fallbackSource);
    }

    // a number or nested object where text belongs is a mistake worth reporting, not something to stringify
    private static String text(JsonNode item, String name) {
        JsonNode value = item.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' must be a string");
        }
        return value.asText();
    }
}
