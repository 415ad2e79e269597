package aieditor.ai;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What scoring judges against.
 *
 * @param now              the reference time for recency (the compile time)
 * @param keywords         topics the newsletter cares about, some needing context terms to count
 * @param sourceWeights    source name to weight in [0, 1]; missing sources get {@code defaultSourceWeight}
 * @param defaultSourceWeight weight for sources not listed
 * @param recencyHalfLifeHours after this many hours an article's recency score halves
 */
public record ScoringCriteria(Instant now, List<Keyword> keywords, Map<String, Double> sourceWeights,
                              double defaultSourceWeight, double recencyHalfLifeHours) {
}
