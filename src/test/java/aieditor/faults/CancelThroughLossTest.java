package aieditor.faults;

import aieditor.Application;
import aieditor.fixtures.ChildJvm;
import aieditor.fixtures.NeedsRedis;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running decoration is cancelled (POST /jobs/{id}/cancel) and its worker dies right after: the job ends cancelled
 * and is never run again, whether the worker got the stop signal before it died or not. Two ways: killed (SIGKILL)
 * right after the cancel is answered, and frozen (SIGSTOP) before the cancel so that it cannot have acted on it, then
 * killed - the cancel can only hold through the store.
 */
@Tag("faults")
@CamelMainTest(properties = {"schedule.enabled=false", "queue.consume=false",
        "aieditor.data-dir=target/test-data/faults-cancel", "api.trigger-secret=" + Faults.SECRET})
@NeedsRedis
class CancelThroughLossTest {
    private static final FaultCluster CLUSTER = FaultCluster.start("cancel");

    @BeanInject
    CamelContext context;

    @AfterAll
    static void stop() {
        CLUSTER.close();
    }

    private static void workers(int alive) {
        while (CLUSTER.workers.stream().filter(w -> w.process().isAlive()).count() < alive) {
            CLUSTER.worker("cancel-" + (char) ('a' + CLUSTER.workers.size()), Map.of());
        }
    }

    @Test
    void should_end_cancelled_and_never_run_again_when_the_worker_is_killed_right_after_the_cancel() throws Exception {
        cancelThenLose(LocalDate.of(2026, 11, 18), false);
    }

    @Test
    void should_end_cancelled_and_never_run_again_when_the_worker_froze_before_the_cancel_and_is_killed() throws Exception {
        cancelThenLose(LocalDate.of(2026, 11, 19), true);
    }

    private void cancelThenLose(LocalDate date, boolean freezeFirst) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        CLUSTER.model.hold();
        workers(2);
        int callsBefore = CLUSTER.model.decorationCalls();
        Faults.Answer started = Faults.post(CLUSTER.port, "/jobs/pipeline", "{\"date\":\"" + date + "\"}");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String chain = started.json().path("chain_id").asText();
        await().atMost(Duration.ofSeconds(120)).until(() -> CLUSTER.model.decorationCalls() == callsBefore + 1
                && Faults.chainJob(jdbc, chain, "decoration").filter(j -> j.status().equals("running")).isPresent());
        Faults.Job decoration = Faults.chainJob(jdbc, chain, "decoration").orElseThrow();
        ChildJvm holder = CLUSTER.holderOf(decoration);

        if (freezeFirst) {
            holder.freeze();
        }
        Faults.Answer cancel = Faults.post(CLUSTER.port, "/jobs/" + decoration.id() + "/cancel", "");
        holder.kill();
        Instant killedAt = Instant.now();
        assertThat(cancel.status()).as("%s", cancel).isEqualTo(200);
        assertThat(cancel.json().path("status").asText()).as("%s", cancel).isEqualTo("running");
        // a run that should not happen would go through the model unhindered
        CLUSTER.model.release();

        await().atMost(Duration.ofSeconds(30)).until(() -> Faults.job(jdbc, decoration.id()).status().equals("cancelled"));
        Duration toCancelled = Duration.between(killedAt, Faults.job(jdbc, decoration.id()).finishedAt());
        // and stays so: not started again, no new call to the model, the chain goes no further
        await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20)).until(() ->
                Faults.job(jdbc, decoration.id()).status().equals("cancelled")
                        && CLUSTER.model.decorationCallsSince(killedAt) == 0
                        && Faults.chainJob(jdbc, chain, "images").isEmpty());
        Faults.Job end = Faults.job(jdbc, decoration.id());
        assertThat(end.startedAt()).as("started once").isEqualTo(decoration.startedAt());
        assertThat(end.worker()).isEqualTo(decoration.worker());
        assertThat(end.attempt()).isEqualTo(1);
        assertThat(Faults.open(jdbc)).as(Faults.describe(jdbc)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE chain_id = ?", Long.class, chain))
                .as("the chain stops at decoration").isEqualTo(5);
        System.out.printf("cancel through loss (%s): cancel answered in %d ms; cancelled %.1f s after the kill (%s)%n",
                freezeFirst ? "worker frozen before the cancel, then killed" : "worker killed right after the cancel",
                cancel.took().toMillis(), Faults.seconds(toCancelled), end.error());
    }
}
