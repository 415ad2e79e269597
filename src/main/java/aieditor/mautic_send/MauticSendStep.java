package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.pipeline.JobHeaders;
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
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 4b: sends the compiled issue through the configured delivery, once. The delivery row is claimed before
 * sending, so a second trigger, a retry or a re-run finds it and sends nothing new; a retry of an attempt that
 * died midway hands the delivery what that attempt recorded.
 */
public final class MauticSendStep {
    /** This step's id in pipeline.steps, its route's id. */
    public static final String ID = "mautic_send";

    private final Issues issues;
    private final DecoratedStories stories;
    private final AuditLog audit;
    private final Delivery delivery;
    private final DeliveryClaims claims;
    private final Settings settings;

    /**
     * What every send carries and how long a claim holds.
     *
     * @param title          newsletter.title: the From name when newsletter.from has none, the subject's fallback
     * @param unsubscribeUrl newsletter.unsubscribe-url, for List-Unsubscribe
     * @param claimLease     newsletter.delivery-lease-minutes: a send claimed by a job that died is taken over after it
     */
    public record Settings(String title, String unsubscribeUrl, Duration claimLease) {
    }

    public MauticSendStep(NamedParameterJdbcTemplate jdbc, Issues issues, DecoratedStories stories, AuditLog audit,
                          Delivery delivery, Settings settings, Clock clock) {
        this.issues = issues;
        this.stories = stories;
        this.audit = audit;
        this.delivery = delivery;
        this.claims = new DeliveryClaims(jdbc, settings.claimLease(), clock);
        this.settings = settings;
    }

    /**
     * The issue's message as the configured channel will send it, images included, or why it cannot go out as it
     * is: what an editor approves (the desk's preview, GET /issues/{date}). Empty before the issue is compiled.
     *
     * @param message null when {@code problem} says why there is none
     */
    public record Preview(String channel, Outgoing message, String problem) {
    }

    public Optional<Preview> preview(LocalDate issueDate) {
        return issues.compiled(issueDate).map(compiled -> {
            try {
                return new Preview(delivery.channel(), outgoing(issueDate, compiled), null);
            } catch (RuntimeException e) {
                return new Preview(delivery.channel(), null, aieditor.pipeline.FailureText.of(e));
            }
        });
    }

    private Outgoing outgoing(LocalDate issueDate, Issues.Compiled compiled) {
        Newsletter newsletter = new Newsletter(issueDate, settings.title(), compiled.subject(), compiled.preheader(), List.of(),
                settings.unsubscribeUrl());
        List<IssueImage> images = stories.list(issueDate).stream().filter(s -> s.imagePath() != null)
                .map(s -> new IssueImage(s.slot(), s.imageUrl(), Path.of(s.imagePath()))).toList();
        return delivery.prepare(newsletter, compiled.html(), compiled.text(), images);
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

    /** The issue's send is over (sent) or waits for an operator (uncertain): no new message is needed. */
    private boolean settled(String key) {
        return claims.view(key).map(d -> "sent".equals(d.get("status")) || DeliveryClaims.UNCERTAIN.equals(d.get("status")))
                .orElse(false);
    }

    private String key(LocalDate issueDate) {
        return delivery.channel() + ":" + issueDate;
    }

    public void send(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                     @ExchangeProperty(StepResult.PROPERTY) StepResult result) throws Exception {
        StepLog out = StepLog.of(MauticSendStep.ID, jobId);
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
        // built before the send is claimed: an issue that cannot go out as it is (images readers could not load) fails
        // here, sending nothing and leaving no claim that would lock the issue against the editor's fix
        Outgoing message = settled(key) ? null : outgoing(issueDate, compiled);
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
        if (message == null) {
            message = outgoing(issueDate, compiled); // an operator allowed a resend in between
        }
        Receipt receipt;
        try {
            receipt = delivery.deliver(message, claims.ledger(key));
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
        String images = MessageImages.describe(message.images());
        result.summary("sent through " + delivery.channel() + " to " + receipt.location() + ", message "
                + message.bytes() + " bytes, " + images);
        out.info("Issue {} sent through {}: {}. Message {} bytes, {}.", issueDate, delivery.channel(), receipt.location(),
                message.bytes(), images);
        if (receipt.hasFailures()) {
            // the send happened and cannot be undone or safely repeated, so the job completes and carries the error
            result.error("failedCount", receipt.failedCount(), delivery.channel() + " reported " + receipt.failedCount()
                    + " failed and " + receipt.sentCount() + " sent recipients");
            out.error("Issue {}: {} reported {} recipients failed ({} sent).", issueDate, delivery.channel(),
                    receipt.failedCount(), receipt.sentCount());
        }
    }
}
