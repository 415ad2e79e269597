package aieditor.pipeline;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers a step's fan-out branches (decoration's slots, ingest's sources) into one list of results. The result is
 * a fresh copy of the step's own exchange, so no branch's state (its exception, handled flags, headers) leaks into
 * the rest of the step, and a failed branch is a result like any other, never the parent's failure.
 *
 * @param <T> what one branch leaves
 */
public abstract class BranchResults<T> implements AggregationStrategy {

    /** What the branch left; null when it leaves nothing to gather. */
    protected abstract T result(Exchange branch);

    @Override
    public final Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs the input exchange");
    }

    @Override
    @SuppressWarnings("unchecked")
    public final Exchange aggregate(Exchange oldExchange, Exchange branch, Exchange inputExchange) {
        Exchange gathered = oldExchange;
        if (gathered == null) {
            gathered = inputExchange.copy();
            gathered.setException(null);
            gathered.getMessage().setBody(new ArrayList<T>());
        }
        T result = result(branch);
        if (result != null) {
            ((List<T>) gathered.getMessage().getBody(List.class)).add(result);
        }
        return gathered;
    }
}
