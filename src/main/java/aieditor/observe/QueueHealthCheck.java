package aieditor.observe;

import aieditor.pipeline.Step;
import aieditor.queue.QueueTransport;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ready only while every priority queue has a started worker on the configured transport. */
public final class QueueHealthCheck extends AbstractHealthCheck {
    private final QueueTransport transport;

    public QueueHealthCheck(QueueTransport transport) {
        super("ai-editor", "queues");
        this.transport = transport;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("transport", transport.name());
        List<String> problems = new ArrayList<>();
        for (Step.Queue queue : Step.Queue.values()) {
            String state = transport.problem(queue).map(p -> {
                problems.add(p);
                return "DOWN: " + p;
            }).orElse("UP");
            builder.detail("queue." + queue.id(), state);
        }
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.down().message(String.join("; ", problems));
        }
    }
}
