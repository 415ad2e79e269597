package aieditor.pipeline;

import aieditor.Application;
import aieditor.PipelineTestSupport;
import aieditor.api.OpsApi;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the job lifecycle does when a step goes badly: fatal errors, cancels that meet failures, replayed dead steps. */
class JobFaultsTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 26);

    @Test
    void should_fail_and_record_a_job_whose_step_dies_of_an_error_never_leaving_it_running() throws Exception {
        AdviceWith.adviceWith(context, "prefilter", a -> a.weaveAddFirst().process(e -> {
            throw new StackOverflowError("recursion in a hostile article");
        }));

        Map<String, Object> job = runStep("prefilter", DATE);

        assertThat(job.get("status")).isEqualTo("failed");
        assertThat((String) job.get("error")).contains("too deep a recursion");
        assertThat(job.get("attempt")).as("not retried: the JVM itself was in trouble").isEqualTo(1);
        assertThat(rows("SELECT error_type FROM dead_letters WHERE job_id = ?", job.get("id")))
                .extracting(r -> r.get("error_type")).containsExactly(StackOverflowError.class.getName());
        assertThat(count("SELECT COUNT(*) FROM jobs WHERE status IN ('running', 'queued', 'retrying')")).isZero();

        // the worker threads survive it: with as many more fatal jobs as there are workers, the next job still runs
        for (int i = 0; i < 3; i++) {
            assertThat(runStep("prefilter", DATE).get("status")).isEqualTo("failed");
        }
        assertThat(runStep("ingest", DATE).get("status")).isEqualTo("completed");
    }

    @Test
    void should_cancel_not_retry_a_job_that_fails_after_a_cancel_was_asked_for() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AdviceWith.adviceWith(context, "prefilter", a -> a.weaveAddFirst().process(e -> {
            runs.incrementAndGet();
            inStep.countDown();
            // the step is busy in a call that ignores interrupts, then fails
            cancelled.await(30, TimeUnit.SECONDS);
            throw new IllegalStateException("provider answered 500");
        }));
        String jobId = context.getRegistry().lookupByNameAndType("triggers", Triggers.class)
                .step("prefilter", DATE, Map.of(), "test");
        assertThat(inStep.await(30, TimeUnit.SECONDS)).isTrue();

        JobCancellation jobs = context.getRegistry().lookupByNameAndType("jobCancellation", JobCancellation.class);
        assertThat(jobs.cancel(jobId, "test")).isEqualTo(JobCancellation.CancelOutcome.STOPPING);
        cancelled.countDown();

        await().atMost(Duration.ofSeconds(30)).until(() -> "cancelled".equals(lastJob("prefilter").get("status")));
        assertThat(runs.get()).as("never run again").isEqualTo(1);
        assertThat(lastJob("prefilter").get("cancel_requested_at")).isNotNull();
    }

    @Test
    void should_continue_the_chain_through_the_send_when_a_dead_step_is_replayed() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        AdviceWith.adviceWith(context, "html_compile", a -> a.weaveAddFirst().process(e -> {
            if (broken.get()) {
                throw new IllegalStateException("template store unreachable");
            }
        }));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Application.runChain(context, DATE, new PrintStream(out, true))).isEqualTo(1);
        assertThat(lastJob("html_compile").get("status")).isEqualTo("dead");
        assertThat(count("SELECT COUNT(*) FROM jobs WHERE step = 'mautic_send'")).isZero();
        long deadLetter = jdbc().queryForObject("SELECT id FROM dead_letters WHERE step = 'html_compile'", Long.class);

        broken.set(false);
        Exchange replay = new DefaultExchange(context);
        replay.getMessage().setHeader("id", String.valueOf(deadLetter));
        replay.getMessage().setHeader("Authorization", "Bearer test-secret");
        context.getRegistry().lookupByNameAndType("opsApi", OpsApi.class).replay(replay);
        assertThat(replay.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).as(replay.getMessage().getBody(String.class))
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(
                jdbc().queryForList("SELECT status FROM jobs WHERE step = 'social_sync'", String.class).stream().findFirst().orElse("")));
        assertThat(jdbc().queryForObject("SELECT status FROM deliveries", String.class)).isEqualTo("sent");
        assertThat(Files.exists(DATA.resolve("outbox").resolve(DATE.toString()).resolve("newsletter.eml"))).isTrue();
    }
}
