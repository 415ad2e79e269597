package aieditor.ingest;

import aieditor.model.Article;
import aieditor.pipeline.StepResult;
import aieditor.pipeline.BranchResults;
import org.apache.camel.Exchange;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * Gathers the parallel source branches of ingest into one {@link SourceRead} per source, in the configured order:
 * dedupe keeps the first copy of a story it is given, so storing in the order fetches happened to finish would
 * make which outlet keeps a shared story a matter of luck.
 */
public final class SourcesInOrder extends BranchResults<SourceRead> {
    private final Clock clock;

    /** @param clock times each source's read */
    public SourcesInOrder(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected SourceRead result(Exchange branch) {
        Source source = branch.getProperty("source", Source.class);
        return source == null ? null : read(source, branch);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onCompletion(Exchange result, Exchange inputExchange) {
        if (result == null) {
            return;
        }
        List<Source> configured = inputExchange.getMessage().getBody(List.class);
        ((List<SourceRead>) result.getMessage().getBody(List.class))
                .sort(Comparator.comparingInt(read -> configured.indexOf(read.source())));
    }

    @SuppressWarnings("unchecked")
    private SourceRead read(Source source, Exchange branch) {
        // a caught failure (recorded in the branch's problems) leaves EXCEPTION_CAUGHT behind
        boolean failed = branch.getException() != null || branch.getProperty(Exchange.EXCEPTION_CAUGHT) != null;
        Object body = branch.getMessage().getBody();
        List<Article> articles = !failed && body instanceof List<?> list ? (List<Article>) list : List.of();
        StepResult problems = branch.getProperty(StepResult.PROPERTY, StepResult.class);
        SourceVisit visit = branch.getProperty(SourceVisit.PROPERTY, SourceVisit.class);
        if (visit == null) {
            // a branch stopped before its visit began (a cancelled job): the read starts and ends now
            visit = new SourceVisit(clock.instant(), null);
        }
        // the read ends with its branch: fetch and parse, however they ended
        visit.finish(clock.instant());
        return new SourceRead(source, articles, problems, failed, visit);
    }
}
