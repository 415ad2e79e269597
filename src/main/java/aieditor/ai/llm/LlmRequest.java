package aieditor.ai.llm;

/**
 * One question to a model: the task it serves (for usage records), the system prompt and the user message.
 * The vendor turns it into its own wire format.
 */
public record LlmRequest(String task, String model, String system, String user, int maxTokens) {
}
