package aieditor.queue;

import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.Step;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.springframework.dao.DataAccessException;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Queues the exchange body on the priority named by the {@code queue} header (high, default, low). While Redis is
 * unreachable it keeps trying for the endpoint's enqueue timeout, so a Redis restart does not fail a trigger.
 */
final class RedisQueueProducer extends DefaultProducer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisQueueProducer.class);
    private final RedisQueueEndpoint endpoint;

    RedisQueueProducer(RedisQueueEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        var in = exchange.getMessage();
        String priority = in.getHeader(JobHeaders.QUEUE, Step.Queue.DEFAULT.id(), String.class);
        if (Arrays.stream(Step.Queue.values()).noneMatch(q -> q.id().equals(priority))) {
            throw new IllegalArgumentException("Unknown queue priority '" + priority + "'");
        }
        Map<String, String> headers = new HashMap<>();
        headers.put(JobHeaders.QUEUE, priority);
        String jobId = in.getHeader(JobHeaders.JOB_ID, String.class);
        if (jobId != null) {
            headers.put(JobHeaders.JOB_ID, jobId);
        }
        String envelope = endpoint.json().writeValueAsString(
                new Envelope(UUID.randomUUID().toString(), priority, in.getBody(String.class), headers, 1));
        // a real wait on the network: timed on the monotonic clock, which neither a test's clock nor a clock step moves
        long giveUp = System.nanoTime() + endpoint.enqueueTimeout().toNanos();
        Duration pause = Duration.ofMillis(100);
        while (true) {
            try {
                endpoint.queue().enqueue(priority, envelope);
                return;
            } catch (DataAccessException e) {
                long left = giveUp - System.nanoTime();
                if (left < 0) {
                    throw new IllegalStateException("Redis did not take job " + jobId + " within "
                            + endpoint.enqueueTimeout().toSeconds() + " s: " + e.getMostSpecificCause().getMessage(), e);
                }
                LOG.warn("[queue] Redis is unreachable; trying again to queue job {}: {}", jobId, e.getMostSpecificCause().getMessage());
                // never past the timeout: the last try is at it, so a trigger answers after the timeout, not up to 2 s later
                TimeUnit.MILLISECONDS.sleep(Math.min(pause.toMillis(), TimeUnit.NANOSECONDS.toMillis(left)));
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : pause.multipliedBy(2);
            }
        }
    }
}
