package aieditor.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JobQueueTest {
    private final DefaultCamelContext context = new DefaultCamelContext();

    private Exchange job(String queue, String name) {
        Exchange e = new DefaultExchange(context);
        e.getMessage().setHeader(JobHeaders.QUEUE, queue);
        e.getMessage().setBody(name);
        return e;
    }

    private String next(JobQueue q) throws InterruptedException {
        Exchange e = q.poll(10, TimeUnit.MILLISECONDS);
        return e == null ? null : e.getMessage().getBody(String.class);
    }

    @Test
    void should_hand_out_high_then_default_then_low_first_in_first_out() throws Exception {
        JobQueue q = new JobQueue(Map.of());
        q.offer(job("low", "low-1"));
        q.offer(job("default", "default-1"));
        q.offer(job("high", "high-1"));
        q.offer(job("default", "default-2"));

        assertThat(q.size()).isEqualTo(4);
        assertThat(next(q)).isEqualTo("high-1");
        assertThat(next(q)).isEqualTo("default-1");
        assertThat(next(q)).isEqualTo("default-2");
        assertThat(next(q)).isEqualTo("low-1");
        assertThat(next(q)).isNull();
    }

    @Test
    void should_hold_a_capped_priority_back_without_blocking_the_others() throws Exception {
        JobQueue q = new JobQueue(Map.of(Step.Queue.LOW, 1));
        q.offer(job("low", "low-1"));
        q.offer(job("low", "low-2"));
        q.offer(job("default", "default-1"));

        assertThat(next(q)).isEqualTo("default-1");
        assertThat(next(q)).isEqualTo("low-1");
        assertThat(next(q)).as("low is at its cap").isNull();

        q.release("low");

        assertThat(next(q)).isEqualTo("low-2");
    }
}
