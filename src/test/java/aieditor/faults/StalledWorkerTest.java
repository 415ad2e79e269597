package aieditor.faults;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker stalls mid-job (SIGSTOP: a frozen host, a pause longer than the lease and the heartbeat's loss time) and
 * comes back (SIGCONT) after the other worker took its job over. The one that stalled must find out at once that the
 * job is no longer its own and stop its run there: it makes no more model calls, records no result and does not
 * move the chain; the job is completed once, by the worker that took it over, and the issue is sent once.
 */
@Tag("faults")
@CamelMainTest(properties = {"schedule.enabled=false", "queue.consume=false",
        "aieditor.data-dir=target/test-data/faults-stalled", "api.trigger-secret=" + Faults.SECRET})
@NeedsRedis
class StalledWorkerTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final FaultCluster CLUSTER = FaultCluster.start("stalled");

    @BeanInject
    CamelContext context;

    @AfterAll
    static void stop() {
        CLUSTER.close();
    }

    @Test
    void should_stop_the_run_of_a_worker_that_comes_back_after_its_job_was_taken_over() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        EmlWatch eml = new EmlWatch(CLUSTER.data, DATE);
        FaultCluster.InFlight inFlight = CLUSTER.decorationInFlight(jdbc, DATE, "stalled-a", "stalled-b");
        String chain = inFlight.chain();
        Faults.Job first = inFlight.decoration();
        ChildJvm stalled = CLUSTER.holderOf(first);
        ChildJvm other = CLUSTER.workers.stream().filter(w -> w != stalled).findFirst().orElseThrow();

        // the holder stalls with its model call in flight; the other worker takes the job over
        Instant frozenAt = Instant.now();
        stalled.freeze();
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            Faults.Job now = Faults.job(jdbc, first.id());
            return now.status().equals("running") && now.startedAt().isAfter(frozenAt) && now.pid() == other.pid();
        });
        Faults.Job takenOver = Faults.job(jdbc, first.id());
        Instant thawedAt = Instant.now();
        stalled.thaw();

        // back, the stalled worker sees the job is another's and stops its own run of it
        String jobTag = "(job " + first.id().substring(0, 8) + ")";
        await().atMost(Duration.ofSeconds(20)).until(() -> stalled.log().lines()
                .anyMatch(l -> l.contains(jobTag) && l.contains("taken over by")));
        System.out.printf("stalled worker: frozen %.1f s; job taken over by %s after %.1f s; the stalled worker stopped its run on return%n",
                Faults.seconds(Duration.between(frozenAt, thawedAt)), takenOver.worker(),
                Faults.seconds(Duration.between(frozenAt, takenOver.startedAt())));

        CLUSTER.model.release();
        await().atMost(Duration.ofSeconds(90)).until(() -> Faults.chainCompleted(jdbc, chain));
        Faults.assertSentOnce(jdbc, DATE);
        await().atMost(Duration.ofSeconds(5)).until(() -> eml.written() >= 1);
        assertThat(eml.written()).as("newsletter.eml writes").isEqualTo(1);
        assertThat(Faults.open(jdbc)).as(Faults.describe(jdbc)).isEmpty();

        Faults.Job decoration = Faults.job(jdbc, first.id());
        assertThat(decoration.status()).isEqualTo("completed");
        assertThat(decoration.pid()).as("the worker recorded on the decoration job").isEqualTo(other.pid());
        assertThat(decoration.redeliveries()).isEqualTo(1);
        assertThat(decoration.attempt()).as("the stalled worker's attempt is given back").isEqualTo(1);
        // the stalled run ended with its call in flight: the model saw that one call of it and no other
        assertThat(CLUSTER.model.decorationCalls()).as("decoration calls: the stalled worker's one, then five of the other's")
                .isEqualTo(1 + 5);
        assertThat(Faults.logLines(List.of(stalled), "Job complete")).as("completions logged by the stalled worker")
                .doesNotContain(jobTag);
        assertThat(Faults.logLines(List.of(other), "Job complete")).contains(jobTag);
        eml.close();
    }
}
