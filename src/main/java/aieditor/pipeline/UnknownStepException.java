package aieditor.pipeline;

import java.util.List;

/** A trigger named a step that is not in the chain. */
public final class UnknownStepException extends IllegalArgumentException {
    public UnknownStepException(String step, List<String> valid) {
        super("Unknown step '" + step + "'; valid steps: " + valid);
    }
}
