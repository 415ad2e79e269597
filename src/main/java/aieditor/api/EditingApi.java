package aieditor.api;

import org.apache.camel.Exchange;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The editor's operations as REST endpoints (routes/api-editing.camel.yaml): read, edit, replace, regenerate and
 * move an issue's slots, its history, and send now. The same IssueEditor and IssueApprovals as the editor's desk.
 */
public final class EditingApi {
    private final ApiSupport api;
    private final IssueEditor editor;
    private final IssueApprovals approvals;

    public EditingApi(ApiSupport api, IssueEditor editor, IssueApprovals approvals) {
        this.api = api;
        this.editor = editor;
        this.approvals = approvals;
    }

    /** GET /issues/{date}/slots */
    public void slots(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = date(exchange);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("issue_date", date.toString());
            out.put("status", editor.statusOf(date).orElseThrow(() -> new ApiException(404, "No issue for " + date)));
            out.put("slots", editor.slots(date));
            return out;
        });
    }

    /** PUT /issues/{date}/slots/{slot}: {"headline", "bullets": [3], "by"} */
    public void edit(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = date(exchange);
            Map<String, Object> body = api.body(exchange);
            return editor.edit(date, slot(exchange), body.get("headline"), body.get("bullets"), by(body));
        });
    }

    /** GET /issues/{date}/slots/{slot}/candidates */
    public void candidates(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = date(exchange);
            int slot = slot(exchange);
            editor.slot(date, slot);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("issue_date", date.toString());
            out.put("slot", slot);
            out.put("candidates", editor.candidates(date));
            return out;
        });
    }

    /** POST /issues/{date}/slots/{slot}/replace: {"article_id", "by"} */
    public void replace(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = date(exchange);
            Map<String, Object> body = api.body(exchange);
            return editor.replace(date, slot(exchange), body.get("article_id"), by(body));
        });
    }

    /** POST /issues/{date}/slots/{slot}/regenerate: {"by"} */
    public void regenerate(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = date(exchange);
            return editor.regenerate(date, slot(exchange), by(api.body(exchange)));
        });
    }

    /** POST /issues/{date}/slots/{slot}/move: {"direction": "up"|"down", "by"} */
    public void move(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = date(exchange);
            Map<String, Object> body = api.body(exchange);
            return editor.move(date, slot(exchange), body.get("direction"), by(body));
        });
    }

    /** GET /issues/{date}/history */
    public void history(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = date(exchange);
            editor.statusOf(date).orElseThrow(() -> new ApiException(404, "No issue for " + date));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("issue_date", date.toString());
            out.put("versions", editor.history(date));
            return out;
        });
    }

    /** POST /issues/{date}/send: {"by"} - approve if it awaits approval, and send at once. */
    public void sendNow(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = date(exchange);
            return approvals.sendNow(date, by(api.body(exchange)));
        });
    }

    private static LocalDate date(Exchange exchange) {
        return ApiSupport.date(exchange.getMessage().getHeader("date", String.class), "date");
    }

    private static int slot(Exchange exchange) {
        String raw = exchange.getMessage().getHeader("slot", String.class);
        try {
            int n = Integer.parseInt(raw);
            if (n < 1 || n > 99) {
                throw new ApiException(400, "'slot' must be between 1 and 99, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "'slot' must be a whole number, got '" + raw + "'");
        }
    }

    private static String by(Map<String, Object> body) {
        return ApiSupport.text(body, "by");
    }
}
