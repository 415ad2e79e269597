package aieditor.ai.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/** Response bodies in each vendor's documented shape. */
public final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    public static String anthropic(String text, String stopReason) {
        return json(Map.of("id", "msg_test", "type", "message", "role", "assistant", "model", "claude-test",
                "content", List.of(Map.of("type", "text", "text", text)), "stop_reason", stopReason,
                "usage", Map.of("input_tokens", 120, "output_tokens", 40)));
    }

    public static String anthropicError(String type, String message) {
        return json(Map.of("type", "error", "error", Map.of("type", type, "message", message)));
    }

    /** A thinking part first, as Gemini's thinking models send it: it must not end up in the answer. */
    public static String gemini(String text, String finishReason) {
        return json(Map.of("candidates", List.of(Map.of("content", Map.of("role", "model", "parts", List.of(
                        Map.of("text", "Let me think about the article first.", "thought", true),
                        Map.of("text", text))), "finishReason", finishReason, "index", 0)),
                "usageMetadata", Map.of("promptTokenCount", 200, "candidatesTokenCount", 50, "thoughtsTokenCount", 30)));
    }

    public static String geminiBlocked(String reason) {
        return json(Map.of("promptFeedback", Map.of("blockReason", reason),
                "usageMetadata", Map.of("promptTokenCount", 200)));
    }

    public static String geminiError(int code, String status, String message) {
        return json(Map.of("error", Map.of("code", code, "status", status, "message", message)));
    }

    public static String openai(String content, String finishReason) {
        return json(Map.of("id", "chatcmpl-test", "object", "chat.completion", "model", "llama3.1",
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content),
                        "finish_reason", finishReason)),
                "usage", Map.of("prompt_tokens", 90, "completion_tokens", 30, "total_tokens", 120)));
    }

    public static String openaiError(String type, String message) {
        return json(Map.of("error", Map.of("type", type, "message", message)));
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
