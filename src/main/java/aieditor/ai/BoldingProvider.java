package aieditor.ai;

import java.util.List;

/** Marks the key phrase of each bullet with Markdown bold ({@code **phrase**}); same count, same order. */
public interface BoldingProvider extends Provider {
    List<String> bold(List<String> bullets);
}
