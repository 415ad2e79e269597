package aieditor.ai.llm;

/** A model call that gave no usable answer; the message says why in the vendor's words where it has them. */
public class LlmException extends RuntimeException {
    public LlmException(String message) {
        super(message);
    }

    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
