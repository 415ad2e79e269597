package aieditor.decoration;

import aieditor.pipeline.DeadLetters;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the five slot branches into a list of outcomes. A failed slot becomes an outcome with its error and
 * never fails the parent: the result is a fresh copy of the step's own exchange, so no branch's failure state
 * (exception, handled flags, slot header) leaks into the rest of the step.
 */
public final class SlotOutcomes implements AggregationStrategy {
    static final String ARTICLE_ID = "articleId";

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        throw new UnsupportedOperationException("SlotOutcomes needs the input exchange");
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange, Exchange inputExchange) {
        Exchange result = oldExchange;
        if (result == null) {
            result = inputExchange.copy();
            result.setException(null);
            result.getMessage().setBody(new ArrayList<SlotOutcome>());
        }
        ((List<SlotOutcome>) result.getMessage().getBody(List.class)).add(outcome(newExchange));
        return result;
    }

    private static SlotOutcome outcome(Exchange branch) {
        int slot = branch.getMessage().getHeader(DeadLetters.SLOT, 0, Integer.class);
        long articleId = branch.getMessage().getHeader(ARTICLE_ID, 0L, Long.class);
        // A caught-and-degraded stage also leaves EXCEPTION_CAUGHT behind: only a dead-lettered branch failed.
        boolean deadLettered = branch.getProperty(DeadLetters.DEAD_LETTER_ID) != null;
        Throwable error = branch.getException() != null ? branch.getException()
                : deadLettered ? branch.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class) : null;
        return new SlotOutcome(slot, articleId, error == null ? null : aieditor.pipeline.FailureText.of(error));
    }
}
