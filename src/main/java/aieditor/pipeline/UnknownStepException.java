package aieditor.pipeline;

/** A trigger named a step that does not exist. */
public final class UnknownStepException extends IllegalArgumentException {
    public UnknownStepException(String step) {
        super("Unknown step '" + step + "'; valid steps: " + Step.ids());
    }
}
