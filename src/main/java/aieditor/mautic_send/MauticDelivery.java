package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.pipeline.PermanentFailure;
import aieditor.pipeline.StepLog;

import java.nio.charset.StandardCharsets;
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

    /**
     * Mautic is given the HTML only and serves it as it is: an image it cannot fetch from an https URL is broken
     * for every reader. So nothing goes to Mautic (not even a login) unless every image is hosted.
     */
    @Override
    public Outgoing prepare(Newsletter n, String html, String text, List<IssueImage> images) {
        List<MessageImage> linked = MessageImages.linked(html, images);
        List<String> notHosted = linked.stream().map(MessageImage::src).filter(src -> !MessageImages.https(src)).toList();
        if (!notHosted.isEmpty()) {
            throw new PermanentFailure("Issue " + n.issueDate() + " cannot go out through Mautic: Mautic is given the "
                    + "HTML only, so every image must be an https URL, and " + notHosted.size() + " of "
                    + linked.size() + " are not (" + String.join(", ", notHosted.subList(0, Math.min(3, notHosted.size())))
                    + (notHosted.size() > 3 ? ", ..." : "") + "). Host the images: set images.public-base-url (the https "
                    + "address where the images folder is published) or images.cloudinary-url (CLOUDINARY_URL), then run "
                    + "images and html_compile for the issue again. Nothing was sent.");
        }
        long bytes = html.getBytes(StandardCharsets.UTF_8).length + (text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length);
        return new Outgoing(n, html, text, linked, bytes, null);
    }

    @Override
    public Receipt deliver(Outgoing message, Ledger ledger) throws Exception {
        StepLog out = StepLog.of(MauticSendStep.ID, null);
        Newsletter n = message.newsletter();
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
            id = api.create(email(n, name, message.html(), message.text()));
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
