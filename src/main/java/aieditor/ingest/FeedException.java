package aieditor.ingest;

/** A whole feed document could not be read. Unchecked so a route can let it reach its error handler untouched. */
public class FeedException extends RuntimeException {

    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }

    public FeedException(String message) {
        super(message);
    }
}
