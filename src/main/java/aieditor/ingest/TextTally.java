package aieditor.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** How many of a job's new articles got their text from where; one per ingest job, shared by its sources. */
public final class TextTally {
    /** Exchange property the job's tally travels under. */
    public static final String PROPERTY = "ingestTextTally";

    private final AtomicIntegerArray counts = new AtomicIntegerArray(TextFrom.values().length);

    void add(Map<TextFrom, Integer> stored) {
        stored.forEach((from, n) -> counts.addAndGet(from.ordinal(), n));
    }

    int get(TextFrom from) {
        return counts.get(from.ordinal());
    }

    /** "text: 3 from feeds, 2 from pages, 1 summary only". */
    static String describe(Map<TextFrom, Integer> counts) {
        return "text: " + counts.getOrDefault(TextFrom.FEED, 0) + " from feeds, " + counts.getOrDefault(TextFrom.PAGE, 0)
                + " from pages, " + counts.getOrDefault(TextFrom.SUMMARY, 0) + " summary only";
    }

    String describe() {
        return describe(Stream.of(TextFrom.values()).collect(Collectors.toMap(f -> f, this::get, (a, b) -> a,
                () -> new EnumMap<>(TextFrom.class))));
    }
}
