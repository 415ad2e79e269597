package aieditor.api;

/** A client mistake or a refusal, answered with its HTTP status and a message - never a stack trace. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
