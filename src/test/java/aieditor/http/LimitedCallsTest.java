package aieditor.http;

import aieditor.fixtures.FakeServer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The exec interceptor on a plain HttpClient: untouched without limits, cut at the cap, the deadline or on abort. */
class LimitedCallsTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final LimitedCalls calls = new LimitedCalls(timer);
    private final CountDownLatch release = new CountDownLatch(1);
    private final FakeServer server = FakeServer.start(request -> {
        if (request.path().equals("/held")) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new FakeServer.Response(200, "x".repeat(10_000), Map.of());
    });
    private final CloseableHttpClient client = client();

    private CloseableHttpClient client() {
        HttpClientBuilder builder = HttpClients.custom();
        calls.configureHttpClient(builder);
        return builder.build();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        client.close();
        server.close();
        timer.shutdownNow();
    }

    private String get(String path) throws Exception {
        return client.execute(new HttpGet(server.url() + path), response -> EntityUtils.toString(response.getEntity()));
    }

    @Test
    void should_leave_calls_alone_on_a_thread_without_limits() throws Exception {
        assertThat(get("/big")).hasSize(10_000);
    }

    @Test
    void should_cut_a_body_over_the_cap_and_let_the_next_call_go_on() throws Exception {
        try (CallLimits limits = calls.open("job-1", Duration.ofSeconds(10), 4_000)) {
            assertThatThrownBy(() -> get("/big")).isInstanceOf(CallCutOff.class)
                    .hasMessage("cut off: the body is over 4000 bytes");
            assertThat(limits.cutOff()).isNull();
        }
        try (CallLimits limits = calls.open("job-1", Duration.ofSeconds(10), 20_000)) {
            assertThat(get("/big")).hasSize(10_000);
        }
        // closed limits no longer apply on this thread
        assertThat(get("/big")).hasSize(10_000);
    }

    @Test
    void should_cut_a_held_call_at_the_deadline() {
        long start = System.nanoTime();
        try (CallLimits limits = calls.open("job-1", Duration.ofMillis(300), 1_000_000)) {
            assertThatThrownBy(() -> get("/held")).isInstanceOf(CallCutOff.class).hasMessage("cut off after 300 ms (deadline)");
            assertThat(limits.cutOff()).isEqualTo(CallCutOff.Reason.DEADLINE);
        }
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
    }

    @Test
    void should_abort_the_calls_of_one_owner_only() throws Exception {
        CompletableFuture<String> held = inOwnThread("job-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.requests().size() == 1);

        try (CallLimits other = calls.open("job-2", Duration.ofSeconds(30), 1_000_000)) {
            assertThat(calls.abort("job-1", "job cancelled")).isEqualTo(1);
            assertThat(other.cutOff()).isNull();
        }

        assertThatThrownBy(held::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(CallCutOff.class).hasMessage("aborted: job cancelled");
    }

    private CompletableFuture<String> inOwnThread(String owner) {
        return CompletableFuture.supplyAsync(() -> {
            try (CallLimits limits = calls.open(owner, Duration.ofSeconds(30), 1_000_000)) {
                return get("/held");
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, Executors.newSingleThreadExecutor());
    }
}
