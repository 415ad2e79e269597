package aieditor.store;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.PostgresServer;
import aieditor.pipeline.JobStatus;
import aieditor.pipeline.JobStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same migrations and pipeline on PostgreSQL (the distributed store), in a database of its own created for
 * the run: the whole chain, the job lifecycle down to a dead letter, and the job queries with optional filters.
 */
class PostgresStoreTest extends PipelineTestSupport {
    static {
        // read by the application's properties before the Camel context starts
        System.setProperty("db.database-url", PostgresServer.freshDatabase("aieditor_store"));
    }

    @Test
    void should_run_the_chain_on_postgresql_and_send_once() throws Exception {
        LocalDate date = LocalDate.of(2026, 11, 14);
        assertThat(jdbc().queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");

        runPipeline(date);
        String again = runPipeline(date);

        assertThat(again).contains("already sent, nothing new");
        assertThat(count("SELECT COUNT(*) FROM slot_selections WHERE issue_date = ?", date)).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM decorations WHERE issue_date = ? AND status = 'decorated'", date)).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM social_posts WHERE issue_date = ?", date)).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM jobs WHERE status = 'completed'")).isEqualTo(18);
    }

    @Test
    void should_keep_the_clusters_tables_in_postgresql_but_not_join_it_with_the_schedule_off() throws Exception {
        org.quartz.Scheduler scheduler = context.getComponent("quartz", org.apache.camel.component.quartz.QuartzComponent.class).getScheduler();

        // the clustered job store's tables come with the migrations (ClusteredScheduleTest runs the cluster on them)
        assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN "
                + "('qrtz_triggers', 'qrtz_fired_triggers', 'qrtz_scheduler_state', 'qrtz_locks')")).isEqualTo(4);
        // with the schedule off (these tests) this process is no Quartz node: it would take fires it cannot run
        assertThat(scheduler == null || !scheduler.isStarted()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM qrtz_scheduler_state")).isZero();
    }

    @Test
    void should_retry_a_failing_job_to_dead_with_one_dead_letter_on_postgresql() {
        Map<String, Object> job = runStep("mautic_send", LocalDate.of(2026, 11, 3));

        assertThat(job.get("status")).isEqualTo("dead");
        assertThat(job.get("attempt")).isEqualTo(3);
        Map<String, Object> dl = jdbc().queryForMap("SELECT * FROM dead_letters");
        assertThat(dl.get("job_id")).isEqualTo(job.get("id"));
        assertThat(dl.get("issue_date").toString()).isEqualTo("2026-11-03");

        JobStore store = new JobStore(new NamedParameterJdbcTemplate(jdbc()), java.time.Clock.systemUTC());
        assertThat(store.count(null, null)).isEqualTo(1);
        assertThat(store.count("mautic_send", JobStatus.DEAD.id())).isEqualTo(1);
        assertThat(store.list(null, "dead", 10, 0)).hasSize(1);
        assertThat(store.queuedPerQueue()).containsEntry("high", 0L);
    }
}
