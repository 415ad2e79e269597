package aieditor.pipeline;

import aieditor.Application;
import aieditor.fixtures.ApiClient;
import aieditor.fixtures.Network;
import aieditor.store.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The misfire policy past its threshold (two seconds here): the schedule stands still for longer, then Quartz fires
 * the cron once, now, and the fires it skipped are listed as missed by GET /jobs/queue.
 */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:misfire-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "aieditor.data-dir=target/test-data/misfire", "api.trigger-secret=test-secret",
        "schedule.enabled=true", "schedule.misfire-threshold-seconds=2", "schedule.prefilter=* * * * * ?",
        "schedule.ingest=0 0 0 1 1 ? 2099", "schedule.ai_scoring=0 0 0 1 1 ? 2099", "schedule.slot_selection=0 0 0 1 1 ? 2099",
        "schedule.decoration=0 0 0 1 1 ? 2099", "schedule.images=0 0 0 1 1 ? 2099", "schedule.html_compile=0 0 0 1 1 ? 2099",
        "schedule.mautic_send=0 0 0 1 1 ? 2099", "schedule.social_sync=0 0 0 1 1 ? 2099"})
class MisfireTest {
    private static final int PORT = Network.freePort();
    private static final TriggerKey PREFILTER = TriggerKey.triggerKey("prefilter", "pipeline");

    static {
        System.setProperty("camel.server.port", String.valueOf(PORT));
    }

    @BeanInject
    CamelContext context;

    @Test
    void should_fire_once_now_after_standing_still_past_the_threshold_and_list_the_fires_it_skipped() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        Scheduler scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();
        // the policy rests on the cron trigger's own instruction (Camel's default for crons)
        assertThat(((CronTrigger) scheduler.getTrigger(PREFILTER)).getMisfireInstruction())
                .isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        await().atMost(Duration.ofSeconds(30)).until(() -> fireTimes(jdbc).size() >= 2);

        // the schedule stands still until its pending fire is later than the threshold
        scheduler.standby();
        Instant lastBefore = last(fireTimes(jdbc));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                scheduler.getTrigger(PREFILTER).getNextFireTime().toInstant().isBefore(Instant.now().minusSeconds(3)));
        scheduler.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> fireTimes(jdbc).stream().anyMatch(t -> t.isAfter(lastBefore)));

        // one run, now, off the cron's whole seconds; the whole seconds between it and the previous fire are missed
        Instant now = fireTimes(jdbc).stream().filter(t -> t.isAfter(lastBefore)).findFirst().orElseThrow();
        assertThat(Duration.between(lastBefore, now)).isGreaterThan(Duration.ofSeconds(3));
        List<Instant> skipped = new ArrayList<>();
        for (Instant t = lastBefore.plusSeconds(1); t.isBefore(now); t = t.plusSeconds(1)) {
            skipped.add(t);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> missed(jdbc, lastBefore, now).size() == skipped.size());
        assertThat(missed(jdbc, lastBefore, now)).containsExactlyElementsOf(skipped);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) - COUNT(DISTINCT fire_time) FROM jobs WHERE step = 'prefilter'",
                Long.class)).isZero();

        JsonNode schedule = new ObjectMapper().readTree(get("/jobs/queue")).path("schedule");
        assertThat(schedule.path("misfire_threshold_seconds").asInt()).isEqualTo(2);
        assertThat(schedule.path("misfire_policy").asText()).isEqualTo(ScheduleSettings.MISFIRE_POLICY);
        List<String> listed = new ArrayList<>();
        schedule.path("missed_fires").forEach(f -> {
            assertThat(f.path("step").asText()).isEqualTo("prefilter");
            listed.add(f.path("fire_time").asText());
        });
        // newest first
        assertThat(listed).contains(skipped.get(0).toString(), last(skipped).toString());
        assertThat(listed.indexOf(last(skipped).toString())).isLessThan(listed.indexOf(skipped.get(0).toString()));
    }

    private static List<Instant> fireTimes(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT fire_time FROM jobs WHERE step = 'prefilter' ORDER BY fire_time", OffsetDateTime.class)
                .stream().map(OffsetDateTime::toInstant).toList();
    }

    private static List<Instant> missed(JdbcTemplate jdbc, Instant after, Instant before) {
        return jdbc.queryForList("SELECT fire_time FROM missed_fires WHERE step = 'prefilter' AND fire_time > ? "
                        + "AND fire_time < ? ORDER BY fire_time", OffsetDateTime.class, Sql.ts(after), Sql.ts(before))
                .stream().map(OffsetDateTime::toInstant).toList();
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    private static String get(String path) throws Exception {
        return new ApiClient(PORT, "test-secret").get(path).body();
    }

}
