package aieditor.mautic_send;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The Authorization header for Mautic's API: Basic credentials or an OAuth2 bearer token. */
interface MauticAuth {
    String header();

    /** Mautic refused the header (401): forget anything cached so the next attempt starts fresh. */
    default void rejected() {
    }

    static MauticAuth basic(String username, String password) {
        String value = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return () -> value;
    }
}
