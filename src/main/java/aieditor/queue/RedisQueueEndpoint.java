package aieditor.queue;

import aieditor.pipeline.Step;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One named Redis work queue as a Camel endpoint; see {@link RedisQueueComponent} for its options. */
public final class RedisQueueEndpoint extends DefaultEndpoint {
    private final RedisQueue queue;
    private final ObjectMapper json;
    private final Map<Step.Queue, Integer> caps;
    private final int workers;
    private final Duration lease;
    private final Duration enqueueTimeout;
    private volatile RedisQueueConsumer consumer;

    RedisQueueEndpoint(String uri, RedisQueueComponent component, RedisQueue queue, ObjectMapper json,
                       Map<Step.Queue, Integer> caps, int workers, int leaseSeconds, int enqueueTimeoutSeconds) {
        super(uri, component);
        if (workers < 1 || leaseSeconds < 3) {
            throw new IllegalArgumentException("redis-queue needs workers >= 1 and leaseSeconds >= 3: " + uri);
        }
        this.queue = queue;
        this.json = json;
        this.caps = caps;
        this.workers = workers;
        this.lease = Duration.ofSeconds(leaseSeconds);
        this.enqueueTimeout = Duration.ofSeconds(enqueueTimeoutSeconds);
    }

    @Override
    public Producer createProducer() {
        return new RedisQueueProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        RedisQueueConsumer c = new RedisQueueConsumer(this, processor);
        configureConsumer(c);
        consumer = c;
        return c;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }

    RedisQueue queue() {
        return queue;
    }

    ObjectMapper json() {
        return json;
    }

    Map<Step.Queue, Integer> caps() {
        return caps;
    }

    int workers() {
        return workers;
    }

    Duration lease() {
        return lease;
    }

    Duration enqueueTimeout() {
        return enqueueTimeout;
    }

    /** The consumer reading this queue in this process, if any. */
    public Optional<RedisQueueConsumer> consumer() {
        return Optional.ofNullable(consumer);
    }

    /** Waiting messages per priority and those in flight, read from Redis. */
    public Map<String, Long> depths() {
        return queue.depths();
    }
}
