package aieditor.airtable;

import aieditor.http.HttpReply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Airtable refused a request; carries its {"error":{"type","message"}} (or plain "error" string) words. */
public final class AirtableException extends RuntimeException {

    AirtableException(String base, String table, HttpReply reply, ObjectMapper json) {
        super("Airtable " + base + "/" + table + " answered HTTP " + reply.status() + ": " + detail(reply, json));
    }

    private static String detail(HttpReply reply, ObjectMapper json) {
        try {
            JsonNode error = json.readTree(reply.text()).path("error");
            if (error.isObject()) {
                return error.path("type").asText() + " " + error.path("message").asText("");
            }
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException notJson) {
            // a proxy's error page: fall through to the raw text
        }
        String text = reply.text().strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
