package aieditor.queue;

import aieditor.pipeline.Step;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.EnumMap;
import java.util.Map;

/**
 * {@code redis-queue:<name>}: a durable work queue on Redis with priorities, leases and redelivery (see
 * {@link RedisQueue}). Producers queue the exchange on the priority in its {@code queue} header; consumers run
 * {@code workers} competing threads in this process, as many processes as needed.
 *
 * <p>Endpoint options: {@code workers} (default 1), {@code leaseSeconds} (default 30: a message held by a worker
 * that stops renewing is redelivered after this long), {@code enqueueTimeoutSeconds} (default 10: how long a
 * producer keeps trying while Redis is unreachable, e.g. restarting).
 */
public final class RedisQueueComponent extends DefaultComponent {
    private final StringRedisTemplate redis;
    private final Map<Step.Queue, Integer> caps;
    private final ObjectMapper json = new ObjectMapper();

    /** @param caps jobs of each priority one process runs at once; 0 or missing means no cap of its own */
    public RedisQueueComponent(StringRedisTemplate redis, Map<Step.Queue, Integer> caps) {
        this.redis = redis;
        this.caps = new EnumMap<>(Step.Queue.class);
        this.caps.putAll(caps);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("redis-queue needs a queue name, e.g. redis-queue:jobs");
        }
        RedisQueueEndpoint endpoint = new RedisQueueEndpoint(uri, this, new RedisQueue(redis, remaining), json, caps,
                getAndRemoveParameter(parameters, "workers", Integer.class, 1),
                getAndRemoveParameter(parameters, "leaseSeconds", Integer.class, 30),
                getAndRemoveParameter(parameters, "enqueueTimeoutSeconds", Integer.class, 10));
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
