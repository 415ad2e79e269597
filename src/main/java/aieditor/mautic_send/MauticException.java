package aieditor.mautic_send;

import aieditor.http.HttpReply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Mautic said no. The message carries the HTTP status and Mautic's own words, so the job record explains itself. */
public final class MauticException extends RuntimeException {
    private final int status;

    MauticException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Reads {"errors":[{message, code}]}, {"error":{message, code}} and OAuth2's {"error", "error_description"}. */
    static MauticException of(String what, HttpReply reply, ObjectMapper json) {
        List<String> messages = new ArrayList<>();
        try {
            JsonNode body = json.readTree(reply.text());
            if (body != null) {
                body.path("errors").forEach(e -> messages.add(e.path("message").asText(e.asText())));
                JsonNode error = body.path("error");
                if (error.isObject()) {
                    messages.add(error.path("message").asText(error.toString()));
                } else if (error.isTextual()) {
                    messages.add(body.path("error_description").asText(error.asText()));
                }
            }
        } catch (IOException notJson) {
            // an HTML error page from a proxy: the status alone has to do
        }
        String detail = messages.isEmpty() ? abbreviate(reply.text()) : String.join("; ", messages);
        String hint = reply.status() == 401 || reply.status() == 403
                ? " (check the Mautic credentials and that the API is enabled)" : "";
        return new MauticException("Mautic " + what + " failed with HTTP " + reply.status() + ": " + detail + hint,
                reply.status());
    }

    private static String abbreviate(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
