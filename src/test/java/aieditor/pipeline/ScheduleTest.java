package aieditor.pipeline;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Quartz schedule: one cron route per step, crons from configuration, each fire queues a job. */
@CamelMainTest(
        properties = {
                "db.url=jdbc:h2:mem:schedule-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "aieditor.data-dir=target/test-data",
                "schedule.enabled=true",
                // far from any test run, so nothing fires by itself
                "schedule.ingest=0 0 0 1 1 ? 2099",
                "schedule.ai_scoring=0 5 0 1 1 ? 2099"})
class ScheduleTest {
    @BeanInject
    CamelContext context;

    @Test
    void should_have_a_running_cron_trigger_for_every_step_from_configuration() {
        for (Step step : context.getRegistry().lookupByNameAndType("steps", Steps.class).all()) {
            Route route = context.getRoute("schedule-" + step.id());
            assertThat(route).as(step.id()).isNotNull();
            QuartzEndpoint quartz = (QuartzEndpoint) route.getEndpoint();
            String cron = context.getPropertiesComponent().resolveProperty("schedule." + step.id()).orElseThrow();
            assertThat(quartz.getCron()).as(step.id()).isEqualTo(cron);
            assertThat(context.getRouteController().getRouteStatus(route.getRouteId()).isStarted()).isTrue();
        }
        assertThat(context.getPropertiesComponent().resolveProperty("schedule.decoration")).contains("0 25 2 ? * TUE-SAT");
    }

    @Test
    void should_queue_a_job_for_today_when_a_cron_fires() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        jdbc.update("DELETE FROM dead_letters");
        jdbc.update("DELETE FROM jobs");

        // a fire now, through Quartz and the cron route (the trigger's job is named after the route's quartz: URI)
        context.getComponent("quartz", QuartzComponent.class).getScheduler().triggerJob(new JobKey("prefilter", "pipeline"));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                !jdbc.queryForList("SELECT id FROM jobs WHERE status NOT IN ('queued', 'running')").isEmpty());
        Map<String, Object> job = jdbc.queryForMap("SELECT * FROM jobs");
        assertThat(job.get("step")).isEqualTo("prefilter");
        assertThat(job.get("trigger_kind")).isEqualTo("cron");
        assertThat(job.get("queue")).isEqualTo("default");
        assertThat(job.get("issue_date")).isEqualTo(java.sql.Date.valueOf(LocalDate.now(ZoneOffset.UTC)));
        assertThat(job.get("status")).isEqualTo("completed");
    }
}
