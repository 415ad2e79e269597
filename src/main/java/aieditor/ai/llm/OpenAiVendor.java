package aieditor.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * OpenAI-compatible chat completions (OpenAI, Ollama, llama.cpp server, vLLM): the system prompt is the first
 * message, and json_object mode keeps the answer parseable.
 */
public final class OpenAiVendor implements Vendor {

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public Map<String, Object> body(LlmRequest request) {
        return Map.of("model", request.model(), "max_tokens", request.maxTokens(),
                "response_format", Map.of("type", "json_object"),
                "messages", List.of(Map.of("role", "system", "content", request.system()),
                        Map.of("role", "user", "content", request.user())));
    }

    @Override
    public Reply reply(JsonNode response) {
        JsonNode choice = response.path("choices").path(0);
        String finish = choice.path("finish_reason").asText("");
        Reply.End end = switch (finish) {
            case "length" -> Reply.End.TRUNCATED;
            case "content_filter" -> Reply.End.REFUSED;
            default -> Reply.End.COMPLETE;
        };
        JsonNode usage = response.path("usage");
        return new Reply(choice.path("message").path("content").asText(""), end, finish,
                usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
    }

    @Override
    public String error(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isTextual()) {
            return error.asText(); // some compatible servers answer {"error": "..."}
        }
        return error.hasNonNull("message") ? error.path("type").asText("error") + ": " + error.path("message").asText() : null;
    }
}
