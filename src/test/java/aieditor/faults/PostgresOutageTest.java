package aieditor.faults;

import aieditor.fixtures.NeedsPrograms;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL dies ({@code pg_ctlcluster stop -m immediate}) while a chain is in flight on two workers, and comes
 * back after {@code -Dfaults.pg-outage-seconds} (default 16 s). The live workers' heartbeats are old when it comes
 * back, but they only could not write them: no job may be taken from them. Triggers during the outage are refused
 * with 503 and Retry-After, and record nothing.
 *
 * <p>This test runs its own PostgreSQL cluster and its own Redis; its application is the web process.
 */
@Tag("faults")
@CamelMainTest(properties = {"schedule.enabled=false", "queue.consume=false",
        "aieditor.data-dir=target/test-data/faults-pg-outage", "api.trigger-secret=" + Faults.SECRET})
@NeedsPrograms(value = {"redis-server", "redis-cli", "pg_createcluster", "pg_ctlcluster"},
        install = "Debian: apt-get install redis-server postgresql; .ci/run installs them")
class PostgresOutageTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 18);
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("faults.pg-outage-seconds", 16));
    private static final PgCluster PG = PgCluster.create();
    private static final FaultCluster CLUSTER = FaultCluster.start("pg-outage", PG);

    @BeanInject
    CamelContext context;

    @AfterAll
    static void stop() {
        CLUSTER.close();
    }

    @Test
    void should_take_no_job_from_a_live_worker_and_send_once_when_postgres_dies_with_a_chain_in_flight() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        EmlWatch eml = new EmlWatch(CLUSTER.data, DATE);
        // decoration waits in the model; PostgreSQL dies under it
        FaultCluster.InFlight inFlight = CLUSTER.decorationInFlight(jdbc, DATE, "pg-a", "pg-b");
        String chain = inFlight.chain();
        Faults.Job decoration = inFlight.decoration();
        Instant stoppedAt = Instant.now();
        PG.stopImmediately();

        // the model answers during the outage: decoration goes on as far as it can without its database
        CLUSTER.model.release();
        // three triggers while the database is away: refused, 503 with Retry-After, nothing recorded. Sent once the
        // pool has found its connections broken (a call on a connection that breaks under it fails at once; the
        // later ones wait for a new connection)
        await().atMost(Duration.ofSeconds(10)).until(() -> !Instant.now().isBefore(stoppedAt.plusSeconds(3)));
        List<CompletableFuture<Faults.Answer>> calls = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String body = "{\"date\":\"" + DATE.plusDays(10 + i) + "\"}";
            calls.add(CompletableFuture.supplyAsync(() -> Faults.post(CLUSTER.port, "/jobs/prefilter", body)));
        }
        Duration rest = OUTAGE.minus(Duration.between(stoppedAt, Instant.now()));
        await().atMost(rest.plusSeconds(5)).until(() -> !Instant.now().isBefore(stoppedAt.plus(OUTAGE)));
        Duration outage = Duration.between(stoppedAt, Instant.now());
        PG.start();
        Instant backAt = Instant.now();
        List<Faults.Answer> during = new ArrayList<>();
        for (CompletableFuture<Faults.Answer> c : calls) {
            during.add(c.get());
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> Faults.chainCompleted(jdbc, chain));
        Duration chainDone = Duration.between(backAt, Faults.jobs(jdbc).stream().filter(j -> chain.equals(j.chainId()))
                .map(Faults.Job::finishedAt).max(Instant::compareTo).orElseThrow());
        String report = String.format("postgres outage: %.1f s; triggers during it answered %s; the chain finished %.1f s "
                        + "after PostgreSQL was back", Faults.seconds(outage),
                during.stream().map(a -> a.status() + " (Retry-After " + a.header("Retry-After") + ") in " + a.took().toMillis() + " ms").toList(),
                Faults.seconds(chainDone));
        System.out.println(report);

        // no live worker lost its job: every job completed on its first attempt, none taken over
        assertThat(Faults.logLines(CLUSTER.workers, "Taken over")).as(report).isEmpty();
        assertThat(Faults.open(jdbc)).as(Faults.describe(jdbc)).isEmpty();
        assertThat(Faults.jobs(jdbc)).as(Faults.describe(jdbc)).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo("completed");
            assertThat(j.redeliveries()).as("redeliveries of %s", j.step()).isZero();
        });
        assertThat(Faults.job(jdbc, decoration.id()).attempt()).isEqualTo(1);
        // sent once
        Faults.assertSentOnce(jdbc, DATE);
        assertThat(eml.written()).as("newsletter.eml writes").isEqualTo(1);
        // the triggers were refused and left nothing behind
        assertThat(during).as(report).allSatisfy(a -> {
            assertThat(a.status()).as("%s", a).isEqualTo(503);
            assertThat(a.header("Retry-After")).as("%s", a).isNotBlank();
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE issue_date > ?", Long.class, DATE.plusDays(5)))
                .as("jobs recorded by the refused triggers").isZero();
        eml.close();
    }
}
