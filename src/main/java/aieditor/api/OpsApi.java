package aieditor.api;

import aieditor.mautic_send.MauticSendStep;
import aieditor.pipeline.DeadLetters;
import aieditor.pipeline.Step;
import aieditor.pipeline.Triggers;
import aieditor.store.Issues;
import org.apache.camel.Exchange;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dead letters and issues: list and replay failures, look at an issue, approve it for sending. */
public final class OpsApi {
    private final ApiSupport api;
    private final DeadLetters deadLetters;
    private final Triggers triggers;
    private final Issues issues;
    private final MauticSendStep sending;
    private final IssueApprovals approvals;

    public OpsApi(ApiSupport api, DeadLetters deadLetters, Triggers triggers, Issues issues, MauticSendStep sending,
                  IssueApprovals approvals) {
        this.approvals = approvals;
        this.api = api;
        this.deadLetters = deadLetters;
        this.triggers = triggers;
        this.issues = issues;
        this.sending = sending;
    }

    /** GET /dlq?page=&size= */
    public void deadLetters(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            int page = ApiSupport.intParam(exchange, "page", 1, 1, 1_000_000);
            int size = ApiSupport.intParam(exchange, "size", 50, 1, 500);
            return Map.of("items", deadLetters.list(size, (page - 1) * size), "page", page, "size", size,
                    "total", deadLetters.count());
        });
    }

    /**
     * POST /dlq/{id}/replay: runs the failed step again for the same issue as a new job (a failed slot replays its
     * step, which redoes every slot of the issue), then the steps after it. Each dead letter is replayed once.
     */
    public void replay(Exchange exchange) {
        api.respond(exchange, 202, () -> {
            long id = parseId(exchange.getMessage().getHeader("id", String.class));
            // by default the replay carries on through the rest of the pipeline, so a dead step no longer leaves
            // its issue unsent; {"continue": false} runs that one step only
            Object carryOn = api.body(exchange).getOrDefault("continue", true);
            if (!(carryOn instanceof Boolean)) {
                throw new ApiException(400, "'continue' must be true or false");
            }
            return replay(id, (Boolean) carryOn);
        });
    }

    /** Replays a dead letter once (the API and the editor's desk): 404 when there is none, 409 when it cannot be. */
    public Map<String, Object> replay(long id, boolean carryOn) {
        DeadLetters.Row row = deadLetters.find(id).orElseThrow(() -> new ApiException(404, "No dead letter " + id));
        if (row.replayedAt() != null) {
            throw new ApiException(409, "Dead letter " + id + " was already replayed by job " + row.replayJobId());
        }
        if (row.step() == null || Step.byId(row.step()).isEmpty()) {
            throw new ApiException(409, "Dead letter " + id + " names no step to replay");
        }
        String jobId = carryOn
                ? triggers.chainFrom(row.step(), issueDateOf(row), Map.of("replay_of", id), "replay")
                : triggers.step(row.step(), issueDateOf(row), Map.of("replay_of", id), "replay");
        if (!deadLetters.markReplayed(id, jobId)) {
            throw new ApiException(409, "Dead letter " + id + " was replayed concurrently");
        }
        return Map.of("dead_letter_id", id, "job_id", jobId, "step", row.step(), "status", "queued",
                "continues_chain", carryOn);
    }

    /** GET /issues/{date}: status, HTML preview, and the message as the configured channel will send it. */
    public void issue(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = ApiSupport.date(exchange.getMessage().getHeader("date", String.class), "date");
            Map<String, Object> view = new LinkedHashMap<>(issues.view(date).orElseThrow(() -> new ApiException(404, "No issue for " + date)));
            view.put("delivery", sending.delivery(date).orElse(null));
            view.put("message", sending.preview(date).map(OpsApi::message).orElse(null));
            return view;
        });
    }

    /** What travels: the message's size and each image the HTML part shows, by cid: or https URL (schema MessageView). */
    private static Map<String, Object> message(MauticSendStep.Preview preview) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", preview.channel());
        m.put("bytes", preview.message() == null ? null : preview.message().bytes());
        m.put("images", preview.message() == null ? List.of() : preview.message().images().stream().map(i -> {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("slot", i.slot());
            image.put("src", i.src());
            image.put("embedded", i.embedded());
            image.put("content_type", i.contentType());
            image.put("bytes", i.bytes());
            return image;
        }).toList());
        m.put("problem", preview.problem());
        return m;
    }

    /**
     * POST /issues/{date}/approve: body {"by": "editor name", "send": "now"} (both optional). The issue goes out at its
     * scheduled send time, or at once when that has passed or {"send": "now"} asks for it (see SendTiming); the reply
     * says which, and when.
     */
    public void approve(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = ApiSupport.date(exchange.getMessage().getHeader("date", String.class), "date");
            Map<String, Object> body = api.body(exchange);
            String actor = java.util.Objects.requireNonNullElse(ApiSupport.text(body, "by"), "api");
            Object send = body.get("send");
            if (send != null && !"now".equals(send)) {
                throw new ApiException(400, "'send' must be \"now\", or left out to send at the scheduled send time");
            }
            return approvals.approve(date, actor, send != null);
        });
    }

    /**
     * POST /issues/{date}/delivery: an operator's decision on a send whose outcome is unknown (an SMTP hand-over
     * without an answer). Body {"decision": "sent" | "resend", "by": "name"}: sent records it as delivered; resend
     * releases the claim and queues mautic_send, which sends it again.
     */
    public void decideDelivery(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = ApiSupport.date(exchange.getMessage().getHeader("date", String.class), "date");
            Map<String, Object> body = api.body(exchange);
            Object decision = body.get("decision");
            if (!"sent".equals(decision) && !"resend".equals(decision)) {
                throw new ApiException(400, "'decision' must be \"sent\" or \"resend\"");
            }
            String by = ApiSupport.text(body, "by");
            String actor = by == null || by.isBlank() ? "api" : by;
            boolean wentOut = decision.equals("sent");
            if (!sending.decide(date, wentOut, actor)) {
                throw new ApiException(409, "The delivery of issue " + date + " is not uncertain: "
                        + sending.delivery(date).map(d -> "it is " + d.get("status")).orElse("no send was attempted"));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("issue_date", date.toString());
            out.put("decision", decision);
            out.put("by", actor);
            if (!wentOut) {
                out.put("job_id", triggers.step(Step.MAUTIC_SEND.id(), date, Map.of(), "api"));
            }
            out.put("delivery", sending.delivery(date).orElse(null));
            return out;
        });
    }

    private static LocalDate issueDateOf(DeadLetters.Row row) {
        if (row.issueDate() == null) {
            throw new ApiException(409, "Dead letter " + row.id() + " does not say which issue it belongs to");
        }
        return row.issueDate();
    }

    private static long parseId(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "Dead letter id must be a number, got '" + raw + "'");
        }
    }
}
