package aieditor.http;

import java.nio.charset.StandardCharsets;

/** What a vendor answered: the status and the body as received; the caller decides what the status means. */
public record HttpReply(int status, byte[] body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String text() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
