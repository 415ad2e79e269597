package aieditor.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * What lets readers' browsers, feed readers and caches ask again cheaply: an ETag of the answer's bytes, its
 * Last-Modified, and whether a conditional GET already has it (304).
 */
final class Validators {
    private Validators() {
    }

    /** RFC 9110 13.1: If-None-Match decides when present; otherwise If-Modified-Since, to the second. */
    static boolean notModified(String match, String since, String etag, Instant lastModified) {
        if (match != null) {
            for (String tag : match.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        if (since == null || lastModified == null) {
            return false;
        }
        try {
            Instant given = DateTimeFormatter.RFC_1123_DATE_TIME.parse(since.strip(), Instant::from);
            return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(given);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static String httpDate(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
