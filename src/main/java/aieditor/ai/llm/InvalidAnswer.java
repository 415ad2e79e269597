package aieditor.ai.llm;

/** Thrown by an answer reader when the model's JSON does not have the shape the task needs. */
public class InvalidAnswer extends RuntimeException {
    public InvalidAnswer(String message) {
        super(message);
    }
}
