package aieditor.ai.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a model's JSON answer. Models without a JSON mode sometimes wrap it in a Markdown fence or a sentence,
 * so the outermost object is taken; anything else is an {@link InvalidAnswer}, which earns one more try.
 */
public final class JsonAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswer() {
    }

    public static JsonNode parse(String text) {
        int start = text == null ? -1 : text.indexOf('{');
        int end = text == null ? -1 : text.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new InvalidAnswer("the answer holds no JSON object");
        }
        try {
            return JSON.readTree(text.substring(start, end + 1));
        } catch (JsonProcessingException e) {
            throw new InvalidAnswer("the answer is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static String text(JsonNode answer, String field) {
        JsonNode node = answer.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidAnswer("the answer has no text in \"" + field + "\"");
        }
        return node.asText().trim();
    }

    public static List<String> texts(JsonNode answer, String field, int count) {
        JsonNode node = answer.path(field);
        List<String> out = new ArrayList<>();
        node.forEach(item -> out.add(item.isTextual() ? item.asText().trim() : ""));
        if (!node.isArray() || out.size() != count || out.stream().anyMatch(String::isBlank)) {
            throw new InvalidAnswer("the answer needs exactly " + count + " non-empty \"" + field + "\", has " + out.size());
        }
        return out;
    }
}
