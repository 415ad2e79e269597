package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The embedded default's "send": the issue as an .eml ready for any mail tool, plus its HTML, text and images,
 * in a folder per issue date. The .eml is the send: it is written under a temporary name and renamed into place,
 * so it is either whole or absent whatever kills the process, and an attempt that resumes a send and finds it
 * treats the issue as sent rather than writing it again.
 */
public final class OutboxDelivery implements Delivery {
    private final Path outbox;
    private final String from;
    private final String to;
    private final String unsubscribeMailto;
    private static final String EML = "newsletter.eml";
    private final EmlWriter eml = new EmlWriter();

    public OutboxDelivery(Path outbox, String from, String to, String unsubscribeMailto) {
        this.outbox = outbox;
        this.from = from;
        this.to = to;
        this.unsubscribeMailto = unsubscribeMailto;
    }

    @Override
    public String channel() {
        return "outbox";
    }

    @Override
    public Receipt deliver(Newsletter newsletter, String html, String text, List<Path> images, Ledger ledger) throws Exception {
        Path dir = outbox.resolve(newsletter.issueDate().toString());
        Path eml = dir.resolve(EML);
        if (Files.exists(eml)) {
            StepLog.of(Step.MAUTIC_SEND, null).warn("Issue {}: {} was written by an earlier attempt that did not get to "
                    + "record it; treating the issue as sent, not writing it again.", newsletter.issueDate(), eml);
            return Receipt.at(dir.toString());
        }
        Files.createDirectories(dir.resolve("images"));
        for (Path image : images) {
            Files.copy(image, dir.resolve("images").resolve(image.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("newsletter.html"), html, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("newsletter.txt"), text, StandardCharsets.UTF_8);
        Path partial = dir.resolve(EML + ".partial");
        Files.write(partial, this.eml.write(newsletter, html, text, from, to, unsubscribeMailto));
        Files.move(partial, eml, StandardCopyOption.ATOMIC_MOVE);
        return Receipt.at(dir.toString());
    }
}
