package aieditor.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Gemini generateContent. JSON mode is asked for in generationConfig; the answer still arrives as text.
 * The model id is part of the URL, which the route builds from the exchange property {@code llmModel}.
 */
public final class GeminiVendor implements Vendor {

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public Map<String, Object> body(LlmRequest request) {
        return Map.of(
                "systemInstruction", Map.of("parts", List.of(Map.of("text", request.system()))),
                "contents", List.of(Map.of("role", "user", "parts", List.of(Map.of("text", request.user())))),
                "generationConfig", Map.of("responseMimeType", "application/json", "maxOutputTokens", request.maxTokens()));
    }

    @Override
    public Reply reply(JsonNode response) {
        JsonNode usage = response.path("usageMetadata");
        long in = usage.path("promptTokenCount").asLong();
        // thinking tokens are billed as output, so they count as output here too
        long out = usage.path("candidatesTokenCount").asLong() + usage.path("thoughtsTokenCount").asLong();
        JsonNode candidate = response.path("candidates").path(0);
        if (candidate.isMissingNode()) {
            String reason = response.path("promptFeedback").path("blockReason").asText("no candidates");
            return new Reply("", Reply.End.REFUSED, "prompt blocked: " + reason, in, out);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (!part.path("thought").asBoolean(false)) {
                text.append(part.path("text").asText(""));
            }
        }
        String finish = candidate.path("finishReason").asText("");
        Reply.End end = switch (finish) {
            case "MAX_TOKENS" -> Reply.End.TRUNCATED;
            case "", "STOP" -> Reply.End.COMPLETE;
            default -> Reply.End.REFUSED; // SAFETY, RECITATION, BLOCKLIST...: asking again gives the same answer
        };
        return new Reply(text.toString(), end, finish, in, out);
    }

    @Override
    public String error(JsonNode body) {
        JsonNode error = body.path("error");
        return error.hasNonNull("message") ? error.path("status").asText("error") + ": " + error.path("message").asText() : null;
    }
}
