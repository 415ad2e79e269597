package aieditor.api;

import aieditor.mautic_send.MauticSendStep;
import aieditor.mautic_send.SendTiming;
import aieditor.pipeline.Triggers;
import aieditor.store.AuditLog;
import aieditor.store.Issues;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Approving an issue and sending it now: the one code path behind POST /issues/{date}/approve, POST
 * /issues/{date}/send and the editor's desk. Refusals are ApiExceptions (404 no issue, 409 wrong state).
 */
public final class IssueApprovals {
    private final Issues issues;
    private final Triggers triggers;
    private final SendTiming sendTiming;
    private final MauticSendStep sending;
    private final AuditLog audit;
    private final Clock clock;

    public IssueApprovals(Issues issues, Triggers triggers, SendTiming sendTiming, MauticSendStep sending, AuditLog audit,
                          Clock clock) {
        this.audit = audit;
        this.clock = clock;
        this.issues = issues;
        this.triggers = triggers;
        this.sendTiming = sendTiming;
        this.sending = sending;
    }

    /**
     * Approves an issue awaiting approval (audited with who); it goes out at its scheduled send time, or at once when
     * that has passed or {@code sendNow} asks for it (see SendTiming). The answer says which, and when.
     */
    public Map<String, Object> approve(LocalDate date, String actor, boolean sendNow) {
        String status = issues.status(date).orElseThrow(() -> new ApiException(404, "No issue for " + date));
        if (!issues.approve(date, actor)) {
            throw new ApiException(409, "Issue " + date + " is " + status + "; only an issue awaiting approval can be approved");
        }
        SendTiming.Decision when = sendTiming.decide(date, sendNow);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("issue_date", date.toString());
        out.put("status", Issues.APPROVED);
        out.put("approved_by", actor);
        out.put("send", when.send());
        out.put("send_at", when.at());
        switch (when.mode()) {
            case NOW -> out.put("job_id", triggers.step(MauticSendStep.ID, date, Map.of(), "approval"));
            case HELD -> out.put("job_id", triggers.stepAt(MauticSendStep.ID, date, Map.of(), "approval", when.at()));
            case AT_CRON_FIRE -> { } // the schedule's own fire at that time sends it
        }
        return out;
    }

    /**
     * Sends an issue at once: one awaiting approval is approved by {@code actor} and sent; one already approved (left
     * to its send time) gets a mautic_send job now. Sending stays once-only whatever asks for it.
     */
    public Map<String, Object> sendNow(LocalDate date, String actor) {
        String status = issues.status(date).orElseThrow(() -> new ApiException(404, "No issue for " + date));
        if (status.equals(Issues.AWAITING_APPROVAL)) {
            return approve(date, actor, true);
        }
        if (!status.equals(Issues.APPROVED) || sending.delivery(date).isPresent()) {
            throw new ApiException(409, "Issue " + date + " is " + status
                    + (sending.delivery(date).isPresent() ? " and its send has started" : "")
                    + "; only an issue awaiting approval or approved and not yet sent can be sent now");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("issue_date", date.toString());
        out.put("status", Issues.APPROVED);
        out.put("approved_by", issues.view(date).map(v -> (String) v.get("approved_by")).orElse(null));
        out.put("send", "now");
        out.put("send_at", clock.instant());
        String jobId = triggers.step(MauticSendStep.ID, date, Map.of(), "send-now");
        audit.record(actor, "issue.send_now", date.toString(), "mautic_send job " + jobId);
        out.put("job_id", jobId);
        return out;
    }
}
