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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * Nothing is sent while a send's outcome is unknown, and that is said loudly: in the log, the job's result and
     * the issue's delivery in the API, until an operator decides (POST /issues/{date}/delivery).
     */
    private void uncertain(LocalDate issueDate, StepLog out, StepResult result, String why) {
        out.error("Issue {}: delivery through {} is uncertain ({}); nothing sent. An operator must decide: "
                + "POST /issues/{}/delivery with {\"decision\": \"sent\"} or {\"decision\": \"resend\"}.",
                issueDate, delivery.channel(), why, issueDate);
        result.error("delivery", issueDate.toString(), "uncertain: " + why + "; awaits an operator's decision");
        result.summary("delivery uncertain, awaits an operator's decision");
    }

    /** What the API shows of the issue's delivery through the configured channel, if a send was claimed. */
    public Optional<Map<String, Object>> delivery(LocalDate issueDate) {
        return claims.view(key(issueDate));
    }

    /**
     * An operator's decision on an uncertain delivery: {@code wentOut} records it as sent; otherwise the claim is
     * released and the next mautic_send sends it. False when the issue's delivery is not uncertain.
     */
    public boolean decide(LocalDate issueDate, boolean wentOut, String actor) {
        if (!claims.decide(key(issueDate), wentOut, actor)) {
            return false;
        }
        if (wentOut) {
            issues.setStatus(issueDate, Issues.SENT, actor);
        }
        audit.record(actor, wentOut ? "issue.send_confirmed" : "issue.resend_allowed", issueDate.toString(),
                delivery.channel() + (wentOut ? ": confirmed sent" : ": confirmed not sent; will be sent again"));
        return true;
    }

    private String key(LocalDate issueDate) {
        return delivery.channel() + ":" + issueDate;
    }

    public void send(@Header(Jobs.ISSUE_DATE) LocalDate issueDate, @Header(Jobs.JOB_ID) String jobId,
                     @ExchangeProperty(StepResult.PROPERTY) StepResult result,
                     String title, String unsubscribeUrl) throws Exception {
        StepLog out = StepLog.of(Step.MAUTIC_SEND, jobId);
        Issues.Compiled compiled = issues.compiled(issueDate).orElseThrow(() ->
                new IllegalStateException("Issue " + issueDate + " is not compiled yet: run html_compile first"));
        String key = key(issueDate);
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
            if (!status.equals(Issues.SENT)) {
                issues.setStatus(issueDate, Issues.SENT, "mautic_send"); // the attempt that sent it died before saying so
            }
            result.summary("already sent, nothing new");
            return;
        }
        if (claim == DeliveryClaims.Outcome.UNCERTAIN) {
            uncertain(issueDate, out, result, "an earlier attempt's outcome is unknown");
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
        Receipt receipt;
        try {
            receipt = delivery.deliver(newsletter, compiled.html(), compiled.text(), images, claims.ledger(key));
        } catch (Delivery.OutcomeUnknownException e) {
            claims.uncertain(key);
            audit.record("mautic_send", "issue.send_uncertain", issueDate.toString(), e.getMessage());
            uncertain(issueDate, out, result, e.getMessage());
            return;
        }
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
