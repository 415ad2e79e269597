package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends an issue as a Mautic segment email: create it, record its id, send it. An attempt that resumes after
 * an earlier one died finds the email that one created (by the recorded id, else by its name, which is fixed
 * per issue) and sends it only if Mautic has not sent it yet.
 */
public final class MauticDelivery implements Delivery {
    private final MauticApi api;
    private final String namePrefix;
    private final List<Integer> segmentIds;

    MauticDelivery(MauticApi api, String namePrefix, List<Integer> segmentIds) {
        if (segmentIds.isEmpty()) {
            throw new IllegalArgumentException("Mautic delivery needs at least one segment id (mautic.segment-ids)");
        }
        this.api = api;
        this.namePrefix = namePrefix;
        this.segmentIds = List.copyOf(segmentIds);
    }

    @Override
    public String channel() {
        return "mautic";
    }

    @Override
    public Receipt deliver(Newsletter n, String html, String text, List<Path> images, Ledger ledger) throws Exception {
        StepLog out = StepLog.of(Step.MAUTIC_SEND, null);
        String name = namePrefix + " " + n.issueDate();
        Optional<MauticApi.Email> earlier = ledger.externalId().flatMap(api::email).or(() -> api.findByName(name));
        String id;
        if (earlier.isPresent()) {
            id = earlier.get().id();
            ledger.recordExternalId(id);
            if (earlier.get().sentCount() > 0) {
                out.warn("Mautic email {} ('{}') was already sent by an earlier attempt to {} contacts: not sending it again.",
                        id, name, earlier.get().sentCount());
                return new Receipt("mautic email " + id, id, earlier.get().sentCount(), null);
            }
            out.info("Mautic email {} ('{}') was created by an earlier attempt and not sent: sending it now.", id, name);
        } else {
            id = api.create(email(n, name, html, text));
            ledger.recordExternalId(id);
        }
        MauticApi.Sent sent = api.send(id);
        return new Receipt("mautic email " + id, id, sent.sentCount(), sent.failedCount());
    }

    private Map<String, Object> email(Newsletter n, String name, String html, String text) {
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("name", name);
        email.put("subject", n.subject() != null && !n.subject().isBlank() ? n.subject() : n.title());
        email.put("customHtml", html);
        email.put("plainText", text);
        email.put("emailType", "list");
        email.put("lists", segmentIds);
        email.put("isPublished", true);
        return email;
    }
}
