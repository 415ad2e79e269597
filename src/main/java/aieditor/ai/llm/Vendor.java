package aieditor.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** One vendor's wire format: the request body it expects, its answers and its error bodies. */
public interface Vendor {
    /** "anthropic", "gemini" or "openai": the provider name every result records. */
    String name();

    /** The route in routes/llm.camel.yaml that carries the HTTP call, with the vendor's headers. */
    default String endpoint() {
        return "direct:llm-" + name();
    }

    Map<String, Object> body(LlmRequest request);

    Reply reply(JsonNode response);

    /** The vendor's error message from an error body, or null when the body is not the vendor's error shape. */
    String error(JsonNode body);
}
