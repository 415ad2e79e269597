package aieditor.ai;

/** What every AI provider says about itself, so each result can record what produced it. */
public interface Provider {
    /** e.g. "offline", "anthropic", "gemini", "openai". */
    String name();

    /** Model id, e.g. "offline-extractive-1" or "claude-sonnet-4-5-20250929". */
    String model();
}
