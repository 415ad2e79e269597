package aieditor.ai.llm;

import aieditor.http.CallCutOff;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

import java.io.InterruptedIOException;
import java.util.Set;

/**
 * What one HTTP exchange with a vendor came to. The route does not throw on error statuses, so this is where
 * they are told apart: overload and rate limits are worth another attempt, a bad request or key is not.
 *
 * @param status     short label for usage records: ok, http_429, timeout, deadline, aborted, too_large, io_error...
 * @param retryable  whether waiting and asking again can help
 * @param message    why it failed, in the vendor's words where the body has them
 * @param retryAfter the server's retry-after header, if any
 * @param body       the parsed answer when status is ok
 */
record HttpOutcome(String status, boolean retryable, String message, String retryAfter, JsonNode body) {
    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504, 529);
    private static final ObjectMapper JSON = new ObjectMapper();

    static HttpOutcome of(Exchange exchange, Vendor vendor) {
        Exception failure = exchange.getException();
        CallCutOff cut = cutOff(failure);
        if (cut != null) {
            // our own limits closed the connection: a deadline is a timeout like any other; an abort was asked for
            // (the job's stop, or its caller gave up) and asking again would defeat it; a body too large stays so
            return switch (cut.reason()) {
                case DEADLINE -> new HttpOutcome("deadline", true, "no answer in time: " + cut.getMessage(), null, null);
                case ABORTED -> new HttpOutcome("aborted", false, cut.getMessage(), null, null);
                case TOO_LARGE -> new HttpOutcome("too_large", false, cut.getMessage(), null, null);
            };
        }
        if (failure != null) {
            boolean timeout = failure instanceof InterruptedIOException || failure.getCause() instanceof InterruptedIOException;
            return new HttpOutcome(timeout ? "timeout" : "io_error", true, (timeout ? "no answer in time: " : "")
                    + aieditor.pipeline.FailureText.of(failure), null, null);
        }
        int code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String text = exchange.getMessage().getBody(String.class);
        JsonNode body = parse(text);
        if (code == 200) {
            return body == null
                    ? new HttpOutcome("not_json", false, "answered 200 with a body that is not JSON", null, null)
                    : new HttpOutcome("ok", false, null, null, body);
        }
        String said = body == null ? null : vendor.error(body);
        String message = "HTTP " + code + ": " + (said != null ? said : cut(text));
        return new HttpOutcome("http_" + code, RETRYABLE.contains(code), message,
                exchange.getMessage().getHeader("retry-after", String.class), null);
    }

    private static CallCutOff cutOff(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CallCutOff cut) {
                return cut;
            }
        }
        return null;
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String cut(String text) {
        return text == null ? "(no body)" : text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
