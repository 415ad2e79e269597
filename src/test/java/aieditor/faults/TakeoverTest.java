package aieditor.faults;

import aieditor.Application;
import aieditor.ChildJvm;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two workers with the default lease (5 s), heartbeat (2 s) and loss (6 s) settings. Decoration is held in the fake
 * model for longer than four leases on its live worker: it is never taken from it. Then that worker is killed
 * (SIGKILL): the other takes the job over within seconds, as a redelivery that does not use up an attempt, and the
 * chain goes on to send the issue once.
 */
@Tag("faults")
@CamelMainTest(mainClass = Application.class, properties = {"schedule.enabled=false", "queue.consume=false",
        "aieditor.data-dir=target/test-data/faults-takeover", "api.trigger-secret=" + Faults.SECRET})
class TakeoverTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 18);
    /** Longer than four leases of 5 s. */
    private static final Duration LONG_JOB = Duration.ofSeconds(25);
    private static final String DATABASE = "aieditor_faults_takeover_" + ProcessHandle.current().pid();
    private static final Path DATA = Faults.sharedDataDir("faults-takeover");
    private static final String DATABASE_URL = Faults.freshDatabase(DATABASE);
    private static final RedisServer REDIS = RedisServer.start("takeover");
    private static final FakeModel MODEL = new FakeModel();
    private static final int PORT = ChildJvm.freePort();
    private static final List<ChildJvm> WORKERS = new ArrayList<>();

    static {
        System.setProperty("db.database-url", DATABASE_URL);
        System.setProperty("queue.redis-url", REDIS.url());
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @BeanInject
    CamelContext context;

    @AfterAll
    static void stop() {
        WORKERS.forEach(ChildJvm::stopQuietly);
        MODEL.close();
        REDIS.close();
        Faults.dropDatabase(DATABASE);
    }

    @Test
    void should_keep_a_long_job_on_its_live_worker_and_take_it_over_once_the_worker_is_killed() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        EmlWatch eml = new EmlWatch(DATA, DATE);
        MODEL.hold();
        for (String name : List.of("takeover-a", "takeover-b")) {
            WORKERS.add(Faults.worker(name, DATABASE_URL, REDIS.url(), DATA, MODEL, Map.of()));
        }
        Faults.Answer started = Faults.post(PORT, "/jobs/pipeline", "{\"date\":\"" + DATE + "\"}");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String chain = started.json().path("chain_id").asText();
        await().atMost(Duration.ofSeconds(120)).until(() -> MODEL.decorationCalls() == 1
                && Faults.chainJob(jdbc, chain, "decoration").filter(j -> j.status().equals("running")).isPresent());
        Faults.Job first = Faults.chainJob(jdbc, chain, "decoration").orElseThrow();

        // the long job: held in the model for more than four leases, it stays with its worker, started once
        await().during(LONG_JOB).atMost(LONG_JOB.plusSeconds(10)).until(() -> {
            Faults.Job now = Faults.job(jdbc, first.id());
            return now.status().equals("running") && now.worker().equals(first.worker()) && now.startedAt().equals(first.startedAt())
                    && now.redeliveries() == 0 && now.attempt() == 1 && MODEL.decorationCalls() == 1;
        });
        assertThat(Faults.logLines(WORKERS, "Taken over", "Redelivered", "lease on job")).isEmpty();

        // its worker is killed mid-call: the other worker takes it over
        ChildJvm holder = WORKERS.stream().filter(w -> w.pid() == first.pid()).findFirst().orElseThrow();
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
        MODEL.release();
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
        assertThat(MODEL.decorations().stream().filter(c -> c.title().equals(MODEL.decorations().get(0).title())).count())
                .as("calls for the slot in flight at the kill").isEqualTo(2);
        assertThat(MODEL.decorationCalls()).isEqualTo(5 + 1);
        eml.close();
    }
}
