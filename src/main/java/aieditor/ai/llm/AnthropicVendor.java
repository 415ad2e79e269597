package aieditor.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** Anthropic Messages API: the system prompt is a top-level field, never a message role. */
public final class AnthropicVendor implements Vendor {

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public Map<String, Object> body(LlmRequest request) {
        return Map.of("model", request.model(), "max_tokens", request.maxTokens(), "system", request.system(),
                "messages", List.of(Map.of("role", "user", "content", request.user())));
    }

    @Override
    public Reply reply(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : response.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText());
            }
        }
        String stop = response.path("stop_reason").asText("");
        Reply.End end = switch (stop) {
            case "max_tokens" -> Reply.End.TRUNCATED;
            case "refusal" -> Reply.End.REFUSED;
            default -> Reply.End.COMPLETE;
        };
        JsonNode usage = response.path("usage");
        return new Reply(text.toString(), end, stop, usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong());
    }

    @Override
    public String error(JsonNode body) {
        JsonNode error = body.path("error");
        return error.hasNonNull("message") ? error.path("type").asText("error") + ": " + error.path("message").asText() : null;
    }
}
