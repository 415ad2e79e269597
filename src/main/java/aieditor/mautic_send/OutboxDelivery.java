package aieditor.mautic_send;

import aieditor.html_compile.Newsletter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The embedded default's "send": the issue as an .eml ready for any mail tool, plus its HTML, text and images,
 * in a folder per issue date. Writing the same files again is harmless, which makes a retry safe.
 */
public final class OutboxDelivery implements Delivery {
    private final Path outbox;
    private final String from;
    private final String to;
    private final String unsubscribeMailto;
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
        Files.createDirectories(dir.resolve("images"));
        for (Path image : images) {
            Files.copy(image, dir.resolve("images").resolve(image.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("newsletter.html"), html, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("newsletter.txt"), text, StandardCharsets.UTF_8);
        Files.write(dir.resolve("newsletter.eml"), eml.write(newsletter, html, text, from, to, unsubscribeMailto));
        return Receipt.at(dir.toString());
    }
}
