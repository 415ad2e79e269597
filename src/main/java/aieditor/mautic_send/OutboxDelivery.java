package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.pipeline.StepLog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The embedded default's "send": the issue as an .eml ready for any mail tool (its images inside it, referenced by
 * cid:), plus its HTML, text and images, in a folder per issue date. The .eml is the send: it is written under a temporary name and renamed into place,
 * so it is either whole or absent whatever kills the process, and an attempt that resumes a send and finds it
 * treats the issue as sent rather than writing it again.
 */
public final class OutboxDelivery implements Delivery {
    private static final String EML = "newsletter.eml";
    private final Path outbox;
    private final EmlWriter eml;

    public OutboxDelivery(Path outbox, EmlWriter eml) {
        this.outbox = outbox;
        this.eml = eml;
    }

    @Override
    public String channel() {
        return "outbox";
    }

    @Override
    public Outgoing prepare(Newsletter newsletter, String html, String text, List<IssueImage> images) {
        return eml.outgoing(newsletter, html, text, images);
    }

    @Override
    public Receipt deliver(Outgoing message, Ledger ledger) throws Exception {
        Newsletter newsletter = message.newsletter();
        Path dir = outbox.resolve(newsletter.issueDate().toString());
        Path eml = dir.resolve(EML);
        if (Files.exists(eml)) {
            StepLog.of(MauticSendStep.ID, null).warn("Issue {}: {} was written by an earlier attempt that did not get to "
                    + "record it; treating the issue as sent, not writing it again.", newsletter.issueDate(), eml);
            return Receipt.at(dir.toString());
        }
        // newsletter.html links its images relative to the folder, as the stored HTML does: it opens in a browser
        Files.createDirectories(dir.resolve("images"));
        for (MessageImage image : message.images()) {
            if (image.file() != null) {
                Files.copy(image.file(), dir.resolve("images").resolve(image.file().getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(dir.resolve("newsletter.html"), html(message), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("newsletter.txt"), message.text(), StandardCharsets.UTF_8);
        Path partial = dir.resolve(EML + ".partial");
        Files.write(partial, EmlWriter.bytes(message.mime()));
        Files.move(partial, eml, StandardCopyOption.ATOMIC_MOVE);
        return Receipt.at(dir.toString());
    }

    /** The HTML part with its cid: images pointing at the folder's copies, so the file shows what the message shows. */
    private static String html(Outgoing message) {
        return message.htmlForBrowser(image -> "images/" + image.file().getFileName());
    }
}
