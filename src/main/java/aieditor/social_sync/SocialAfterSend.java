package aieditor.social_sync;

import aieditor.mautic_send.MauticSendStep;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.pipeline.Triggers;
import aieditor.store.Issues;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Publishing waits for the send, and the schedule runs social_sync (09:30) before mautic_send (10:00), as does an
 * editor who approves late: so the mautic_send that sends an issue queues a social_sync of its own, which publishes
 * the posts. Inside a chained run social_sync is the next step anyway; with no channel there is nothing to publish.
 */
public final class SocialAfterSend {
    private final List<String> channels;
    private final Issues issues;
    private final Triggers triggers;

    SocialAfterSend(List<String> channels, Issues issues, Triggers triggers) {
        this.channels = List.copyOf(channels);
        this.issues = issues;
        this.triggers = triggers;
    }

    public void queuePublishing(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                                @Header(JobHeaders.CHAIN_ID) String chainId, @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        // written: this job sent the issue now (a repeated send that found it sent already writes nothing)
        if (channels.isEmpty() || chainId != null || result == null || result.written() == 0 || !issues.isSent(issueDate)) {
            return;
        }
        StepLog out = StepLog.of(MauticSendStep.ID, jobId);
        try {
            String job = triggers.step(SocialSyncStep.ID, issueDate, Map.of(), "after_send");
            out.info("Issue {} is sent: social_sync queued as job {} to publish its posts to {}.", issueDate, job,
                    String.join(" and ", channels));
        } catch (RuntimeException e) {
            // the issue is sent, and failing this job now would not queue it either (its retry finds it sent)
            out.error("Issue {} is sent, but social_sync could not be queued to publish its posts ({}): run it with "
                    + "POST /jobs/social_sync {\"date\": \"{}\"}.", issueDate, aieditor.pipeline.FailureText.of(e), issueDate);
        }
    }
}
