package aieditor;

import aieditor.pipeline.JobHeaders;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Boots the real application (routes from routes/, beans from AppConfiguration) on an in-memory database that
 * each test starts empty, with the schedule off and fast retries.
 */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:ai-editor-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false",
        "camel.server.port=0",
        "aieditor.data-dir=target/test-data",
        "retry.max-redeliveries=2",
        "retry.delay-ms=10",
        "retry.max-delay-ms=50",
        "run.timeout-seconds=120",
        "jobs.retry-base-delay-seconds=0",
        "jobs.poll-period-ms=100",
        // tests share one in-memory database across restarts of the context: no recovery of earlier tests' jobs
        "jobs.recovery=false", "api.trigger-secret=test-secret"})
public abstract class PipelineTestSupport {
    protected static final Path DATA = Path.of("target/test-data");

    @BeanInject
    protected CamelContext context;

    /** Tables in an order that respects foreign keys; system_prompts keeps its seeded rows. */
    private static final List<String> TABLES = List.of("dead_letters", "deliveries", "jobs", "audit_log", "social_deliveries", "social_posts",
            "images", "decorations", "slot_selections", "prefilter_log", "issues", "scores", "articles", "sources", "source_names");

    @BeforeEach
    void startEmpty() throws IOException {
        TABLES.forEach(t -> jdbc().update("DELETE FROM " + t));
        if (Files.exists(DATA)) {
            try (Stream<Path> files = Files.walk(DATA)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    protected JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
    }

    /** Runs the whole chain for the date and returns what the CLI would print. */
    protected String runPipeline(LocalDate date) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Application.runChain(context, date, new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new AssertionError("Pipeline run failed:\n" + printed);
        }
        return printed;
    }

    /** Triggers one step as an operator would and waits until its job has reached a final state. */
    protected Map<String, Object> runStep(String step, LocalDate date) {
        context.createProducerTemplate().sendBodyAndHeaders("direct:enqueue", null,
                Map.of(JobHeaders.STEP, step, JobHeaders.ISSUE_DATE, date.toString(), JobHeaders.TRIGGER, "test"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !jdbc().queryForList(
                "SELECT id FROM jobs WHERE step = ? AND status IN ('completed', 'failed', 'cancelled', 'dead') AND created_at >= "
                        + "(SELECT MAX(created_at) FROM jobs WHERE step = ?)", step, step).isEmpty());
        return lastJob(step);
    }

    protected Map<String, Object> lastJob(String step) {
        return jdbc().queryForMap("SELECT * FROM jobs WHERE step = ? ORDER BY created_at DESC LIMIT 1", step);
    }

    protected long count(String sql, Object... args) {
        return jdbc().queryForObject(sql, Long.class, args);
    }

    protected List<Map<String, Object>> rows(String sql, Object... args) {
        return jdbc().queryForList(sql, args);
    }
}
