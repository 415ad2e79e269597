package aieditor.ai.llm;

import aieditor.ai.llm.WireVendor.Answer;
import aieditor.pipeline.JobStoppedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A model call that its job or caller gives up on ends on the wire, as the model's server sees it, and is still a
 * usage row; a call for a job that was already stopped never leaves. The vendor never answers and the response
 * timeout is the default 120 s, so only closing the connection ends a call within the test.
 */
class GiveUpTest {
    private static final LocalDate ISSUE = LocalDate.of(2026, 11, 20);

    private WireVendor model;
    private LlmHarness harness;
    private LlmCleaner cleaner;

    @BeforeEach
    void start() throws Exception {
        model = new WireVendor().answerWith(r -> Answer.hang());
        harness = new LlmHarness(120_000, model.baseUrl());
        cleaner = new LlmCleaner(harness.client(new AnthropicVendor(), 3), harness.prompts(), new TaskModel("claude-test", 1024, 8000));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        model.close();
    }

    /** Cleans on another thread as the job's work would, returning what it threw. */
    private CompletableFuture<Throwable> cleanFor(String jobId, AtomicReference<Thread> thread) {
        return CompletableFuture.supplyAsync(() -> {
            thread.set(Thread.currentThread());
            try (CallOwner.Scope owner = CallOwner.enter(jobId, ISSUE)) {
                cleaner.clean("<p>text</p>");
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
    }

    @Test
    void should_close_the_connection_of_a_call_whose_caller_was_interrupted() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        CompletableFuture<Throwable> result = cleanFor(null, thread);
        await().atMost(Duration.ofSeconds(10)).until(() -> model.requests().size() == 1);

        Instant interrupted = Instant.now();
        thread.get().interrupt();

        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(LlmException.class).hasMessageContaining("Interrupted");
        await().atMost(Duration.ofSeconds(2)).until(() -> model.connections().get(0).closedAt() != null);
        assertThat(Duration.between(interrupted, model.connections().get(0).closedAt())).isLessThan(Duration.ofSeconds(1));
        assertThat(harness.usageStatuses()).containsExactly("interrupted");
        // not tried again
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> model.requests().size() == 1);
    }

    @Test
    void should_close_the_calls_of_a_job_aborted_by_its_id_and_record_them_as_its_stop() throws Exception {
        CompletableFuture<Throwable> result = cleanFor("job-1", new AtomicReference<>());
        await().atMost(Duration.ofSeconds(10)).until(() -> model.requests().size() == 1);

        // what JobControl's stop does: the job is marked stopped, then its calls are aborted by owner
        harness.stopped.put("job-1", "cancelled");
        Instant aborted = Instant.now();
        assertThat(harness.limitedCalls.abort("job-1", "the job was asked to stop")).isEqualTo(1);

        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(JobStoppedException.class);
        await().atMost(Duration.ofSeconds(2)).until(() -> model.connections().get(0).closedAt() != null);
        assertThat(Duration.between(aborted, model.connections().get(0).closedAt())).isLessThan(Duration.ofSeconds(1));
        assertThat(harness.usage()).singleElement().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("cancelled");
            assertThat(row.get("job_id")).isEqualTo("job-1");
            assertThat(row.get("issue_date").toString()).isEqualTo(ISSUE.toString());
        });
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void should_make_no_call_for_a_job_that_was_stopped() throws Exception {
        harness.stopped.put("job-2", "timeout");

        Throwable thrown = cleanFor("job-2", new AtomicReference<>()).get(10, TimeUnit.SECONDS);

        assertThat(thrown).isInstanceOf(JobStoppedException.class);
        assertThat(((JobStoppedException) thrown).timedOut()).isTrue();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> model.requests().isEmpty());
        assertThat(harness.usageStatuses()).isEmpty();
    }
}
