package aieditor.queue;

import aieditor.fixtures.NeedsRedis;
import aieditor.fixtures.RedisServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The queue's moves on a real Redis of the test's own, emptied before each test. */
@NeedsRedis
class RedisQueueTest {
    private static final List<String> ALL = List.of("high", "default", "low");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RedisServer server;
    private static JedisConnectionFactory factory;
    private static StringRedisTemplate redis;
    private RedisQueue queue;

    @BeforeAll
    static void connect() {
        server = RedisServer.start("redis-queue");
        factory = RedisTransport.connectionFactory(server.url(), 2);
        redis = new StringRedisTemplate(factory);
        redis.afterPropertiesSet();
    }

    @AfterAll
    static void disconnect() {
        factory.destroy();
        server.close();
    }

    @BeforeEach
    void empty() {
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) c -> {
            c.serverCommands().flushDb();
            return null;
        });
        queue = new RedisQueue(redis, "test");
    }

    private void put(String id, String priority) throws Exception {
        queue.enqueue(priority, JSON.writeValueAsString(new Envelope(id, priority, "body-" + id, Map.of("jobId", id), 1)));
    }

    private Envelope take(List<String> eligible, Duration lease) throws Exception {
        String raw = queue.take(eligible, lease, null, 0).message();
        return raw == null ? null : JSON.readValue(raw, Envelope.class);
    }

    /** Acknowledges a message without taking another. */
    private boolean ack(String id, int deliveries) {
        return queue.take(List.of(), LEASE, id, deliveries).acked();
    }

    @Test
    void should_hand_out_high_before_default_before_low_and_oldest_first_within_a_priority() throws Exception {
        put("low-1", "low");
        put("default-1", "default");
        put("high-1", "high");
        put("default-2", "default");
        List<String> order = new java.util.ArrayList<>();
        for (Envelope e; (e = take(ALL, LEASE)) != null; ) {
            order.add(e.id());
        }
        assertThat(order).containsExactly("high-1", "default-1", "default-2", "low-1");
    }

    @Test
    void should_skip_priorities_the_worker_is_not_taking() throws Exception {
        put("low-1", "low");
        put("default-1", "default");
        assertThat(take(List.of("high", "default"), LEASE).id()).isEqualTo("default-1");
        assertThat(take(List.of("high", "default"), LEASE)).isNull();
        assertThat(queue.depths()).containsEntry("low", 1L).containsEntry("in_flight", 1L);
    }

    @Test
    void should_redeliver_a_message_whose_lease_ran_out_and_count_the_delivery() throws Exception {
        put("job-1", "default");
        assertThat(take(ALL, Duration.ofMillis(200)).deliveries()).isEqualTo(1);
        assertThat(take(ALL, LEASE)).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.redeliverExpired() == 1);
        Envelope again = take(ALL, LEASE);
        assertThat(again.id()).isEqualTo("job-1");
        assertThat(again.deliveries()).isEqualTo(2);
        assertThat(again.body()).isEqualTo("body-job-1");
        assertThat(queue.stats()).containsEntry("redelivered", "1");
    }

    @Test
    void should_not_redeliver_a_message_whose_lease_is_renewed() throws Exception {
        put("long-job", "default");
        Envelope held = take(ALL, Duration.ofMillis(300));
        // renewed well before each deadline, for several lease lengths
        await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).during(Duration.ofMillis(1500)).until(() -> {
            assertThat(queue.renew(Map.of(held.id(), held.deliveries()), Duration.ofMillis(300))).isEmpty();
            return queue.redeliverExpired() == 0;
        });
        assertThat(queue.depths()).containsEntry("in_flight", 1L).containsEntry("default", 0L);
    }

    @Test
    void should_not_renew_for_a_worker_that_stalled_the_lease_of_the_worker_it_was_redelivered_to() throws Exception {
        put("job-1", "default");
        Envelope stalled = take(ALL, Duration.ofMillis(100));
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.redeliverExpired() == 1);
        Envelope again = take(ALL, Duration.ofMillis(300));
        assertThat(again.deliveries()).isEqualTo(2);

        // back, the stalled worker's renewal is refused: the lease is the new holder's, and runs out on its own clock
        assertThat(queue.renew(Map.of(stalled.id(), stalled.deliveries()), LEASE)).containsExactly(stalled.id());
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.redeliverExpired() == 1);
        assertThat(take(ALL, LEASE).deliveries()).isEqualTo(3);
    }

    @Test
    void should_forget_an_acknowledged_message_for_good() throws Exception {
        put("job-1", "high");
        Envelope held = take(ALL, Duration.ofMillis(100));
        assertThat(ack(held.id(), held.deliveries())).isTrue();
        assertThat(queue.renew(Map.of(held.id(), held.deliveries()), LEASE)).containsExactly(held.id());
        assertThat(queue.redeliverExpired()).isZero();
        assertThat(queue.depths()).containsEntry("high", 0L).containsEntry("in_flight", 0L);
        assertThat(queue.stats()).containsEntry("enqueued", "1").containsEntry("acked", "1");
    }

    @Test
    void should_acknowledge_the_finished_message_and_lease_the_next_in_the_same_call() throws Exception {
        put("job-1", "default");
        put("job-2", "low");
        Envelope first = take(ALL, LEASE);
        RedisQueue.Taken taken = queue.take(ALL, LEASE, first.id(), first.deliveries());
        assertThat(taken.acked()).isTrue();
        assertThat(JSON.readValue(taken.message(), Envelope.class).id()).isEqualTo("job-2");
        assertThat(queue.depths()).containsEntry("in_flight", 1L).containsEntry("low", 0L);
        // nothing left to take: the last one is acknowledged all the same
        RedisQueue.Taken last = queue.take(ALL, LEASE, "job-2", 1);
        assertThat(last.acked()).isTrue();
        assertThat(last.message()).isNull();
        assertThat(queue.depths()).containsEntry("in_flight", 0L);
        assertThat(queue.stats()).containsEntry("acked", "2");
    }

    @Test
    void should_put_handed_back_messages_first_in_line() throws Exception {
        put("job-1", "default");
        put("job-2", "default");
        Envelope held = take(ALL, LEASE);
        assertThat(queue.handBack(Map.of(held.id(), held.deliveries()))).isEqualTo(1);
        Envelope next = take(ALL, LEASE);
        assertThat(next.id()).isEqualTo("job-1");
        assertThat(next.deliveries()).isEqualTo(2);
        assertThat(queue.stats()).containsEntry("handed_back", "1");
    }

    @Test
    void should_leave_a_message_delivered_again_to_its_new_holder() throws Exception {
        put("job-1", "default");
        Envelope first = take(ALL, Duration.ofMillis(100));
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.redeliverExpired() == 1);
        Envelope second = take(ALL, LEASE);
        // the first holder comes back late: neither its ack nor its hand-back touches the new delivery
        assertThat(ack(first.id(), first.deliveries())).isFalse();
        assertThat(queue.handBack(Map.of(first.id(), first.deliveries()))).isZero();
        assertThat(queue.depths()).containsEntry("in_flight", 1L).containsEntry("default", 0L);
        assertThat(ack(second.id(), second.deliveries())).isTrue();
    }
}
