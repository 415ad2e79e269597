package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.pipeline.Jobs;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.AuditLog;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import aieditor.store.Sql;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Step 4b: sends the compiled issue through the configured delivery, once. The delivery row is claimed before
 * sending, so a second trigger, a retry or a re-run finds it and sends nothing new.
 */
public final class MauticSendStep {
    private final NamedParameterJdbcTemplate jdbc;
    private final Issues issues;
    private final DecoratedStories stories;
    private final AuditLog audit;
    private final Delivery delivery;

    public MauticSendStep(NamedParameterJdbcTemplate jdbc, Issues issues, DecoratedStories stories, AuditLog audit, Delivery delivery) {
        this.jdbc = jdbc;
        this.issues = issues;
        this.stories = stories;
        this.audit = audit;
        this.delivery = delivery;
    }

    public void send(@Header(Jobs.ISSUE_DATE) LocalDate issueDate, @Header(Jobs.JOB_ID) String jobId,
                     @ExchangeProperty(StepResult.PROPERTY) StepResult result,
                     String title, String unsubscribeUrl) throws Exception {
        StepLog out = StepLog.of(Step.MAUTIC_SEND, jobId);
        Issues.Compiled compiled = issues.compiled(issueDate).orElseThrow(() ->
                new IllegalStateException("Issue " + issueDate + " is not compiled yet: run html_compile first"));
        String key = delivery.channel() + ":" + issueDate;
        result.processed(1);
        String status = issues.status(issueDate).orElse("");
        if (!status.equals(Issues.APPROVED) && !status.equals(Issues.SENT)) {
            out.warn("Issue {} is {}, not approved: nothing sent.", issueDate, status);
            result.error("approval", issueDate.toString(), "issue is " + status + ", not approved");
            result.summary("not sent: issue awaits approval");
            return;
        }
        if (!claim(key, issueDate)) {
            out.info("Issue {} was already sent through {}: nothing new sent.", issueDate, delivery.channel());
            result.summary("already sent, nothing new");
            return;
        }
        Newsletter newsletter = new Newsletter(issueDate, title, compiled.subject(), compiled.preheader(), List.of(), unsubscribeUrl);
        List<Path> images = stories.list(issueDate).stream().map(DecoratedStories.Story::imagePath)
                .filter(Objects::nonNull).map(Path::of).toList();
        String location = delivery.deliver(newsletter, compiled.html(), compiled.text(), images);
        jdbc.update("UPDATE deliveries SET status = 'sent', location = :loc, sent_at = :now WHERE idempotency_key = :key",
                Map.of("loc", location, "now", Sql.ts(Instant.now()), "key", key));
        issues.setStatus(issueDate, Issues.SENT, "mautic_send");
        audit.record("mautic_send", "issue.sent", issueDate.toString(), delivery.channel() + " " + location);
        result.written(1);
        result.summary("sent through " + delivery.channel() + " to " + location);
        out.info("Issue {} sent through {}: {}", issueDate, delivery.channel(), location);
    }

    /** True when this attempt may send: the key is new, or an earlier attempt claimed it and did not finish. */
    private boolean claim(String key, LocalDate issueDate) {
        try {
            jdbc.update("INSERT INTO deliveries (idempotency_key, issue_date, channel, status, created_at) "
                            + "VALUES (:key, :d, :channel, 'sending', :now)",
                    Map.of("key", key, "d", issueDate, "channel", delivery.channel(), "now", Sql.ts(Instant.now())));
            return true;
        } catch (DuplicateKeyException e) {
            String status = jdbc.queryForObject("SELECT status FROM deliveries WHERE idempotency_key = :key",
                    Map.of("key", key), String.class);
            return !"sent".equals(status);
        }
    }
}
