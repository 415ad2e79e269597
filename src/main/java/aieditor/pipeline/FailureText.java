package aieditor.pipeline;

import java.io.FileNotFoundException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A failure said in words, for what people read: a job's error, a dead letter, a step's result, the API's replies,
 * the desk. Editors and operators are told what went wrong ("connection refused: localhost:9"), never a Java class
 * ("ConnectException"); the class stays in the service log, which the failure is logged to as well.
 */
public final class FailureText {
    /** A qualified or bare class name of an exception, as messages of wrapped failures start with. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z_$][a-z0-9_$]*\\.)*[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");
    private static final int MAX = 2000;

    private FailureText() {
    }

    public static String of(Throwable failure) {
        if (failure == null) {
            return "failed for an unknown reason";
        }
        String what = kind(failure);
        if (failure instanceof NullPointerException || failure instanceof StackOverflowError) {
            return what; // their message is about the code, not the cause
        }
        String message = words(failure.getMessage());
        if (what == null) {
            return message.isEmpty() ? of(failure.getCause(), "failed without saying why") : cap(message);
        }
        return cap(message.isEmpty() || message.equals(what) ? what : what + ": " + message);
    }

    private static String of(Throwable cause, String otherwise) {
        return cause == null ? otherwise : of(cause);
    }

    /** Failures whose class says more than their message: said as the words an operator would use. */
    private static String kind(Throwable t) {
        if (t instanceof UnknownHostException) {
            return "host not found";
        } else if (t instanceof ConnectException) {
            return "connection refused";
        } else if (t instanceof InterruptedIOException || t instanceof TimeoutException) {
            return "no answer in time";
        } else if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return "file not found";
        } else if (t instanceof AccessDeniedException) {
            return "permission denied";
        } else if (t instanceof NullPointerException) {
            return "internal error: a value was missing (the service log has the details)";
        } else if (t instanceof OutOfMemoryError) {
            return "the service ran out of memory";
        } else if (t instanceof StackOverflowError) {
            return "internal error: too deep a recursion (the service log has the details)";
        }
        return null;
    }

    private static String words(String message) {
        return message == null ? "" : CLASS_NAME.matcher(message).replaceAll("").strip();
    }

    private static String cap(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX) + "...";
    }
}
