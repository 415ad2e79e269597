package aieditor.decoration;

import aieditor.pipeline.BranchResults;
import aieditor.pipeline.DeadLetters;
import org.apache.camel.Exchange;

/**
 * Gathers the five slot branches into a list of outcomes. A failed slot becomes an outcome with its error and
 * never fails the parent (see {@link BranchResults}).
 */
public final class SlotOutcomes extends BranchResults<SlotOutcome> {
    static final String ARTICLE_ID = "articleId";

    @Override
    protected SlotOutcome result(Exchange branch) {
        int slot = branch.getMessage().getHeader(DeadLetters.SLOT, 0, Integer.class);
        long articleId = branch.getMessage().getHeader(ARTICLE_ID, 0L, Long.class);
        // A caught-and-degraded stage also leaves EXCEPTION_CAUGHT behind: only a dead-lettered branch failed.
        boolean deadLettered = branch.getProperty(DeadLetters.DEAD_LETTER_ID) != null;
        Throwable error = branch.getException() != null ? branch.getException()
                : deadLettered ? branch.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class) : null;
        return new SlotOutcome(slot, articleId, error == null ? null : aieditor.pipeline.FailureText.of(error));
    }
}
