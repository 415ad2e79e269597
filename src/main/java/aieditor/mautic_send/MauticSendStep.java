package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.pipeline.Jobs;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.AuditLog;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Step 4b: sends the compiled issue through the configured delivery, once. The delivery row is claimed before
 * sending, so a second trigger, a retry or a re-run finds it and sends nothing new; a retry of an attempt that
 * died midway hands the delivery what that attempt recorded.
 */
public final class MauticSendStep {
    private final Issues issues;
    private final DecoratedStories stories;
    private final AuditLog audit;
    private final Delivery delivery;
    private final DeliveryClaims claims;

    public MauticSendStep(NamedParameterJdbcTemplate jdbc, Issues issues, DecoratedStories stories, AuditLog audit,
                          Delivery delivery, Duration claimLease) {
        this.issues = issues;
        this.stories = stories;
        this.audit = audit;
        this.delivery = delivery;
        this.claims = new DeliveryClaims(jdbc, claimLease);
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
        DeliveryClaims.Outcome claim = claims.claim(key, issueDate, delivery.channel(), jobId == null ? "manual" : jobId);
        if (claim == DeliveryClaims.Outcome.ALREADY_SENT) {
            out.info("Issue {} was already sent through {}: nothing new sent.", issueDate, delivery.channel());
            result.summary("already sent, nothing new");
            return;
        }
        if (claim == DeliveryClaims.Outcome.HELD_BY_ANOTHER_ATTEMPT) {
            out.warn("Issue {} is being sent through {} by another attempt: this one sends nothing.", issueDate, delivery.channel());
            result.summary("another attempt is sending, nothing sent");
            return;
        }
        Newsletter newsletter = new Newsletter(issueDate, title, compiled.subject(), compiled.preheader(), List.of(), unsubscribeUrl);
        List<Path> images = stories.list(issueDate).stream().map(DecoratedStories.Story::imagePath)
                .filter(Objects::nonNull).map(Path::of).toList();
        Receipt receipt = delivery.deliver(newsletter, compiled.html(), compiled.text(), images, claims.ledger(key));
        claims.sent(key, receipt);
        issues.setStatus(issueDate, Issues.SENT, "mautic_send");
        audit.record("mautic_send", "issue.sent", issueDate.toString(), delivery.channel() + " " + receipt.location());
        result.written(1);
        result.summary("sent through " + delivery.channel() + " to " + receipt.location());
        out.info("Issue {} sent through {}: {}", issueDate, delivery.channel(), receipt.location());
        if (receipt.hasFailures()) {
            // the send happened and cannot be undone or safely repeated, so the job completes and carries the error
            result.error("failedCount", receipt.failedCount(), delivery.channel() + " reported " + receipt.failedCount()
                    + " failed and " + receipt.sentCount() + " sent recipients");
            out.error("Issue {}: {} reported {} recipients failed ({} sent).", issueDate, delivery.channel(),
                    receipt.failedCount(), receipt.sentCount());
        }
    }
}
