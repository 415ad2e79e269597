package aieditor.pipeline;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The dates an issue can have. A date far out of range ({@code +99999-01-01}) would otherwise run the whole pipeline
 * and "send"; every door that takes a date - the control API's bodies and paths, the desk, the command line - reads it
 * here.
 */
public final class IssueDates {
    public static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2100, 12, 31);

    private IssueDates() {
    }

    /** @throws IllegalArgumentException naming {@code field}, when the text is no date or out of range */
    public static LocalDate parse(String text, String field) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' must be a date YYYY-MM-DD, got '" + text + "'");
        }
        if (date.isBefore(FIRST) || date.isAfter(LAST)) {
            throw new IllegalArgumentException("'" + field + "' must be an issue date from " + FIRST + " to " + LAST
                    + ", got '" + text + "'");
        }
        return date;
    }
}
