package aieditor.queue;

import aieditor.pipeline.Step;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One durable work queue on Redis: a ready list per priority, an in-flight hash and a lease sorted set. Every move
 * between them is one Lua script, so a message is always in exactly one place; a worker that dies leaves its
 * messages in flight, and once their leases run out {@link #redeliverExpired} puts them back.
 *
 * <p>Why lists and scripts rather than Streams: a take has to honour high before default before low, skip the
 * priorities this process has capped, and lease the message in the same atomic step. One script over three lists
 * does that in one round trip; XREADGROUP over three streams answers from whichever has data, and lease renewal
 * would be an XCLAIM per message.
 */
public final class RedisQueue {
    private static final RedisScript<Long> ENQUEUE = script("enqueue", Long.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TAKE = script("take", List.class);
    private static final RedisScript<List> RENEW = script("renew", List.class);
    private static final RedisScript<Long> REQUEUE = script("requeue", Long.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> HELD = script("held", List.class);

    private final StringRedisTemplate redis;
    private final String prefix;

    public RedisQueue(StringRedisTemplate redis, String name) {
        this.redis = redis;
        this.prefix = "ai-editor:queue:" + name + ":";
    }

    /**
     * Read once: a script made from a resource location checks the resource's modification time on every call,
     * which inside the jar means opening it again for each message.
     */
    private static <T> RedisScript<T> script(String name, Class<T> type) {
        try (var in = RedisQueue.class.getResourceAsStream("/aieditor/queue/" + name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("Missing queue script " + name + ".lua");
            }
            return RedisScript.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String ready(String priority) {
        return prefix + "ready:" + priority;
    }

    private String key(String name) {
        return prefix + name;
    }

    /** Queues an envelope (JSON with at least {@code id} and {@code queue}) on the priority it names. */
    public void enqueue(String priority, String envelope) {
        redis.execute(ENQUEUE, List.of(ready(priority), key("wake"), key("stats")), envelope);
    }

    /** What a take answers: whether the finished message was acknowledged, and the next message (or null). */
    public record Taken(boolean acked, String message) {
    }

    /**
     * Acknowledges the message {@code doneId} (as delivered the {@code deliveries}-th time; null: none) and takes the
     * next one of the first priority in {@code eligible} that has one (empty: take none), in one round trip.
     * Not acknowledged means it was delivered again meanwhile: its new holder keeps it.
     */
    @SuppressWarnings("unchecked")
    public Taken take(List<String> eligible, Duration lease, String doneId, int deliveries) {
        List<String> keys = new ArrayList<>();
        eligible.forEach(p -> keys.add(ready(p)));
        keys.add(key("inflight"));
        keys.add(key("leases"));
        keys.add(key("stats"));
        List<Object> args = new ArrayList<>(List.of(String.valueOf(lease.toMillis())));
        if (doneId != null) {
            args.add(doneId);
            args.add(String.valueOf(deliveries));
        }
        List<Object> answer = redis.execute(TAKE, keys, args.toArray());
        return new Taken(answer != null && Long.valueOf(1).equals(answer.get(0)),
                answer != null && answer.size() > 1 ? (String) answer.get(1) : null);
    }

    /** Waits up to {@code timeout} for a hint that something was queued. */
    public void awaitWork(Duration timeout) {
        redis.opsForList().leftPop(key("wake"), timeout);
    }

    /**
     * Extends the leases of the given messages (id to the delivery count held); returns those whose lease is no
     * longer the caller's: run out, or the message delivered again meanwhile.
     */
    @SuppressWarnings("unchecked")
    public List<String> renew(Map<String, Integer> held, Duration lease) {
        if (held.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        args.add(String.valueOf(lease.toMillis()));
        held.forEach((id, deliveries) -> {
            args.add(id);
            args.add(String.valueOf(deliveries));
        });
        List<String> lost = redis.execute(RENEW, List.of(key("leases"), key("inflight")), args.toArray());
        return lost == null ? List.of() : lost;
    }

    /** Puts every message whose lease ran out back on its queue; returns how many. */
    public long redeliverExpired() {
        return requeue("redelivered", List.of());
    }

    /**
     * Puts messages this worker holds (id to the delivery count it holds) back on their queues at once, for another
     * worker to take; one delivered again meanwhile stays with its new holder.
     */
    public long handBack(Map<String, Integer> held) {
        List<String> pairs = new ArrayList<>();
        held.forEach((id, deliveries) -> {
            pairs.add(id);
            pairs.add(String.valueOf(deliveries));
        });
        return held.isEmpty() ? 0 : requeue("handed_back", pairs);
    }

    private long requeue(String stat, List<String> ids) {
        List<String> args = new ArrayList<>();
        args.add(stat);
        args.addAll(ids);
        Long moved = redis.execute(REQUEUE, List.of(key("inflight"), key("leases"), key("wake"), key("stats"), prefix + "ready:"),
                args.toArray());
        return moved == null ? 0 : moved;
    }

    /** The job ids of every message waiting or in flight. */
    @SuppressWarnings("unchecked")
    public java.util.Set<String> jobsHeld() {
        List<String> keys = new ArrayList<>();
        for (Step.Queue q : Step.Queue.values()) {
            keys.add(ready(q.id()));
        }
        keys.add(key("inflight"));
        List<String> ids = redis.execute(HELD, keys);
        return ids == null ? java.util.Set.of() : new java.util.HashSet<>(ids);
    }

    /** Messages waiting per priority, plus those in flight. */
    public Map<String, Long> depths() {
        Map<String, Long> depths = new java.util.LinkedHashMap<>();
        for (Step.Queue q : Step.Queue.values()) {
            depths.put(q.id(), redis.opsForList().size(ready(q.id())));
        }
        depths.put("in_flight", redis.opsForHash().size(key("inflight")));
        return depths;
    }

    /** Counters since the queue was created: enqueued, acked, redelivered, handed_back. */
    public Map<Object, Object> stats() {
        return redis.opsForHash().entries(key("stats"));
    }

    /** Throws when Redis does not answer. */
    public void ping() {
        redis.execute((org.springframework.data.redis.core.RedisCallback<String>) c -> c.ping());
    }
}
