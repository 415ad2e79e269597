package aieditor.mautic_send;

import aieditor.Application;
import aieditor.store.Issues;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With approval required, nothing is sent until an editor approves the compiled issue. */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:approval-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data/approval", "approval.auto-approve=false",
        "jobs.poll-period-ms=100"})
class ApprovalTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 13);

    @BeanInject
    CamelContext context;

    @Test
    void should_send_only_after_an_editor_approves() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Application.runChain(context, DATE, new PrintStream(out, true))).isZero();

        assertThat(out.toString()).contains("not sent: issue awaits approval");
        assertThat(jdbc.queryForObject("SELECT status FROM issues WHERE issue_date = ?", String.class, DATE)).isEqualTo("awaiting_approval");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deliveries", Long.class)).isZero();

        Issues issues = context.getRegistry().lookupByNameAndType("issues", Issues.class);
        assertThat(issues.approve(DATE, "editor@newsletter.example")).isTrue();
        assertThat(issues.approve(DATE, "editor@newsletter.example")).as("approving twice").isFalse();
        context.createProducerTemplate().sendBodyAndHeaders("direct:enqueue", null,
                Map.of("step", "mautic_send", "issueDate", DATE.toString(), "trigger", "test"));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                "sent".equals(jdbc.queryForObject("SELECT status FROM issues WHERE issue_date = ?", String.class, DATE)));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'", Long.class)).isEqualTo(1);
        Map<String, Object> approval = jdbc.queryForMap("SELECT actor, subject FROM audit_log WHERE action = 'issue.approved'");
        assertThat(approval).containsEntry("actor", "editor@newsletter.example").containsEntry("subject", "2026-11-13");
        assertThat(jdbc.queryForObject("SELECT approved_by FROM issues WHERE issue_date = ?", String.class, DATE))
                .isEqualTo("editor@newsletter.example");
    }
}
