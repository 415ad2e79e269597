package aieditor.ai.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ThrottleTest {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Test
    void should_let_a_second_worth_of_calls_through_then_space_them_out() throws Exception {
        Throttle throttle = new Throttle(10, 2, waits::add);

        for (int i = 0; i < 4; i++) {
            throttle.acquire().close();
        }

        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(400), Duration.ofMillis(500));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(900), Duration.ofMillis(1000));
    }

    @Test
    void should_hold_a_call_until_one_in_flight_finishes() throws Exception {
        Throttle throttle = new Throttle(1, 0, waits::add);
        Throttle.Permit first = throttle.acquire();

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                throttle.acquire().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
        first.close();
        await().atMost(Duration.ofSeconds(2)).until(second::isDone);
        assertThat(waits).isEmpty();
    }
}
