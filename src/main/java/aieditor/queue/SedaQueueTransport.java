package aieditor.queue;

import aieditor.pipeline.Step;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.support.service.ServiceHelper;

import java.util.Optional;

/**
 * The embedded transport: every priority waits in the one SEDA queue backed by the {@code jobQueue} bean, so a
 * priority is healthy when that endpoint exists and its worker consumers are started.
 */
public final class SedaQueueTransport implements QueueTransport {
    private final CamelContext context;

    public SedaQueueTransport(CamelContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "seda";
    }

    @Override
    public Optional<String> problem(Step.Queue queue) {
        Object jobQueue = context.getRegistry().lookupByName("jobQueue");
        Optional<SedaEndpoint> endpoint = context.getEndpoints().stream()
                .filter(e -> e instanceof SedaEndpoint seda && seda.getQueue() == jobQueue && !seda.getConsumers().isEmpty())
                .map(SedaEndpoint.class::cast).findFirst();
        if (endpoint.isEmpty()) {
            return Optional.of("no SEDA endpoint for queue '" + queue.id() + "'");
        }
        if (endpoint.get().getConsumers().isEmpty()) {
            return Optional.of("no worker reads queue '" + queue.id() + "'");
        }
        if (!endpoint.get().getConsumers().stream().allMatch(ServiceHelper::isStarted)) {
            return Optional.of("the worker on queue '" + queue.id() + "' is not started");
        }
        return Optional.empty();
    }
}
