package aieditor.social_sync;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one social_sync run did with the issue's posts on each channel, for the job's summary and its retry. */
final class Publication {
    enum Count { POSTED, ALREADY_POSTED, FAILED, REFUSED, HELD, DEFERRED }

    private final String waitingFor;
    private final Map<String, Map<Count, Integer>> counts = new LinkedHashMap<>();
    private final List<String> retryable = new ArrayList<>();
    private final Map<String, java.time.Instant> deferredUntil = new LinkedHashMap<>();

    private Publication(String waitingFor) {
        this.waitingFor = waitingFor;
    }

    /** Nothing published yet; with no channel configured it stays so (posts are stored only). */
    static Publication none() {
        return new Publication(null);
    }

    /** Channels configured, but the issue is not sent yet: nothing may go out. */
    static Publication waiting(String issueStatus) {
        return new Publication(issueStatus);
    }

    void add(String channel, Count count) {
        counts.computeIfAbsent(channel, c -> new EnumMap<>(Count.class)).merge(count, 1, Integer::sum);
    }

    /** A post that failed in a way a later attempt may fix (5xx, timeouts, rate limits), with why. */
    void toRetry(String channel, int slot, String why) {
        retryable.add("slot " + slot + " on " + channel + ": " + why);
    }

    /** A post not tried because its channel said it takes none before {@code until}. */
    void deferred(String channel, java.time.Instant until) {
        add(channel, Count.DEFERRED);
        deferredUntil.put(channel, until);
    }

    /** What is left for the job's retry, one line per post that failed and one per channel for the deferred ones. */
    List<String> toRetry() {
        List<String> lines = new ArrayList<>(retryable);
        deferredUntil.forEach((channel, until) -> lines.add(counts.get(channel).get(Count.DEFERRED) + " more on " + channel
                + " not tried: rate limited until " + until));
        return lines;
    }

    /** How many posts are left for the job's retry. */
    int leftForRetry() {
        int deferred = counts.values().stream().mapToInt(c -> c.getOrDefault(Count.DEFERRED, 0)).sum();
        return retryable.size() + deferred;
    }

    /** E.g. "; mastodon: 4 posted, 1 failed; webhook: 5 already posted", or the wait for the send. */
    String summary() {
        if (waitingFor != null) {
            return "; not published: waiting for the issue to be sent (it is " + waitingFor + ")";
        }
        StringBuilder s = new StringBuilder();
        counts.forEach((channel, byCount) -> {
            s.append("; ").append(channel).append(": ");
            List<String> parts = new ArrayList<>();
            byCount.forEach((count, n) -> parts.add(n + " " + count.name().toLowerCase().replace('_', ' ')));
            s.append(String.join(", ", parts));
        });
        return s.toString();
    }
}
