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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two workers with the default lease (5 s), heartbeat (2 s) and loss (6 s) settings. Decoration is held in the fake
 * model for longer than four leases on its live worker: it is never taken from it. Then that worker is killed
 * (SIGKILL): the other takes the job over within seconds, as a redelivery that does not use up an attempt, and the
 * chain goes on to send the issue once.
 */
@Tag("faults")
@CamelMainTest(properties = {"schedule.enabled=false", "queue.consume=false",
        "aieditor.data-dir=target/test-data/faults-takeover", "api.trigger-secret=" + Faults.SECRET})
@NeedsRedis
class TakeoverTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 18);
    /** Longer than four leases of 5 s. */
    private static final Duration LONG_JOB = Duration.ofSeconds(25);
    private static final FaultCluster CLUSTER = FaultCluster.start("takeover");

    @BeanInject
    CamelContext context;

    @AfterAll
    static void stop() {
        CLUSTER.close();
    }

    @Test
    void should_keep_a_long_job_on_its_live_worker_and_take_it_over_once_the_worker_is_killed() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        EmlWatch eml = new EmlWatch(CLUSTER.data, DATE);
        FaultCluster.InFlight inFlight = CLUSTER.decorationInFlight(jdbc, DATE, "takeover-a", "takeover-b");
        String chain = inFlight.chain();
        Faults.Job first = inFlight.decoration();

        // the long job: held in the model for more than four leases, it stays with its worker, started once
        await().during(LONG_JOB).atMost(LONG_JOB.plusSeconds(10)).until(() -> {
            Faults.Job now = Faults.job(jdbc, first.id());
            return now.status().equals("running") && now.worker().equals(first.worker()) && now.startedAt().equals(first.startedAt())
                    && now.redeliveries() == 0 && now.attempt() == 1 && CLUSTER.model.decorationCalls() == 1;
        });
        // A host that stalls every process for longer than a lease (a loaded CI runner froze both workers for ~7 s)
        // lets the lease run out; the redelivery must then find the holder's heartbeat and leave the job to it.
        String leaseLines = Faults.logLines(CLUSTER.workers, "Taken over", "Redelivered", "lease on job");
        assertThat(leaseLines).as("takeovers of a live worker's job").doesNotContain("Taken over");
        assertThat(leaseLines.lines().filter(l -> l.contains("Redelivered (delivery")))
                .as("redeliveries while its worker lived").allMatch(l -> l.contains("left to it"));
        if (!leaseLines.isEmpty()) {
            System.out.println("takeover: the host stalled longer than a lease; the job stayed with its worker:\n" + leaseLines);
        }

        // its worker is killed mid-call: the other worker takes it over
        ChildJvm holder = CLUSTER.holderOf(first);
        Instant killedAt = Instant.now();
        holder.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Faults.Job now = Faults.job(jdbc, first.id());
            return now.startedAt().isAfter(killedAt) && !now.worker().equals(first.worker());
        });
        Faults.Job takenOver = Faults.job(jdbc, first.id());
        Duration takeover = Duration.between(killedAt, takenOver.startedAt());
        System.out.printf("takeover: decoration ran %.0f s on its live worker (lease 5 s) without being taken over; "
                + "started again by %s %.1f s after its worker was killed%n", Faults.seconds(LONG_JOB), takenOver.worker(), Faults.seconds(takeover));
        assertThat(takenOver.redeliveries()).isEqualTo(1);
        assertThat(takenOver.attempt()).as("the lost worker's attempt is given back").isEqualTo(first.attempt());

        // the chain goes on and sends once
        CLUSTER.model.release();
        await().atMost(Duration.ofSeconds(90)).until(() -> Faults.chainCompleted(jdbc, chain));
        Faults.assertSentOnce(jdbc, DATE);
        await().atMost(Duration.ofSeconds(5)).until(() -> eml.written() >= 1);
        assertThat(eml.written()).as("newsletter.eml writes").isEqualTo(1);
        assertThat(Faults.open(jdbc)).as(Faults.describe(jdbc)).isEmpty();
        assertThat(Faults.jobs(jdbc)).as(Faults.describe(jdbc)).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo("completed");
            assertThat(j.attempt()).isEqualTo(1);
            assertThat(j.redeliveries()).as("redeliveries of %s", j.step()).isEqualTo(j.id().equals(first.id()) ? 1 : 0);
        });
        // the slot in flight at the kill was asked twice (the dead worker's call, then the new worker's), the others once
        assertThat(CLUSTER.model.decorations().stream().filter(c -> c.title().equals(CLUSTER.model.decorations().get(0).title())).count())
                .as("calls for the slot in flight at the kill").isEqualTo(2);
        assertThat(CLUSTER.model.decorationCalls()).isEqualTo(5 + 1);
        eml.close();
    }
}
