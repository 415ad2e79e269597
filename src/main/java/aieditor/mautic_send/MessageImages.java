package aieditor.mautic_send;

import aieditor.html_compile.Html;
import aieditor.images.EmailImage;
import aieditor.pipeline.PermanentFailure;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The images an issue's HTML shows, as a mail client will load them. A mail client loads an image only from an
 * absolute URL it can reach or from a {@code cid:} part of the same message; the compiled HTML links story images
 * relative to the outbox folder ({@code images/slot-1.jpg}) unless they are hosted, and such a link never loads.
 * The stored HTML keeps its links (the outbox folder's newsletter.html, the archive); the message's HTML part is
 * rewritten here, when the message is built.
 */
public final class MessageImages {
    /** NewsletterHtml writes attributes in double quotes; an img written otherwise is caught by {@link #requireLoadable}. */
    private static final Pattern IMG_SRC = Pattern.compile("(<img\\b[^>]*?\\ssrc=\")([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    /** The HTML part as sent and the images it shows. */
    record Embedded(String html, List<MessageImage> images) {
    }

    private MessageImages() {
    }

    /**
     * For a message that carries its images (outbox, SMTP): every story image not hosted at an https URL travels
     * inside the message, and the HTML references it by {@code cid:}. Hosted images keep their URL.
     *
     * @param idSuffix the right-hand part of Content-IDs, unique to the issue and sender ("issue-2026-11-22@example.com")
     */
    static Embedded embed(LocalDate issueDate, String html, List<IssueImage> images, String idSuffix) {
        Map<String, MessageImage> bySrc = new LinkedHashMap<>(); // an image shown twice travels once
        Matcher m = IMG_SRC.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            String src = Parser.unescapeEntities(m.group(2), true);
            MessageImage image = bySrc.computeIfAbsent(src, s -> https(s)
                    ? hosted(s, storyImage(s, images).orElse(null))
                    : inline(issueDate, s, storyImage(s, images).orElseThrow(() -> unknown(issueDate, s)), idSuffix));
            m.appendReplacement(out, Matcher.quoteReplacement(image.embedded()
                    ? m.group(1) + Html.escape(image.src()) + "\"" : m.group(0)));
        }
        m.appendTail(out);
        Embedded embedded = new Embedded(out.toString(), List.copyOf(bySrc.values()));
        requireLoadable(issueDate, embedded);
        return embedded;
    }

    /** For a channel that is given the HTML only (Mautic): the images as linked, hosted or not. */
    static List<MessageImage> linked(String html, List<IssueImage> images) {
        Map<String, MessageImage> bySrc = new LinkedHashMap<>();
        for (Element img : Jsoup.parse(html).select("img")) {
            String src = img.attr("src");
            bySrc.computeIfAbsent(src, s -> hosted(s, storyImage(s, images).orElse(null)));
        }
        return List.copyOf(bySrc.values());
    }

    static boolean https(String src) {
        return src.toLowerCase(Locale.ROOT).startsWith("https://") && src.length() > "https://".length();
    }

    /**
     * Every img of the HTML part, read as a mail client reads it, shows an https URL or a part of the message: the
     * check that a broken image never goes out, whatever way the HTML was written.
     */
    private static void requireLoadable(LocalDate issueDate, Embedded message) {
        Set<String> parts = message.images().stream().filter(MessageImage::embedded).map(MessageImage::src)
                .collect(Collectors.toSet());
        for (Element img : Jsoup.parse(message.html()).select("img")) {
            String src = img.attr("src");
            if (!https(src) && !parts.contains(src)) {
                throw new PermanentFailure("Issue " + issueDate + ": an image of its HTML (src '" + src + "') would not "
                        + "load in a mail client: it is neither an https URL nor a part of the message. Compile the issue "
                        + "again (html_compile).");
            }
        }
    }

    private static Optional<IssueImage> storyImage(String src, List<IssueImage> images) {
        return images.stream().filter(i -> i.url() != null && Parser.unescapeEntities(Html.imageSrc(i.url()), true)
                .equals(src)).findFirst();
    }

    private static MessageImage hosted(String src, IssueImage story) {
        Path file = story == null || story.file() == null || !Files.isRegularFile(story.file()) ? null : story.file();
        byte[] content = file == null ? null : read(file);
        return new MessageImage(story == null ? null : story.slot(), src, file,
                content == null ? null : EmailImage.contentType(content), content == null ? null : (long) content.length, null);
    }

    private static MessageImage inline(LocalDate issueDate, String src, IssueImage story, String idSuffix) {
        if (story.file() == null || !Files.isRegularFile(story.file())) {
            throw new PermanentFailure("Issue " + issueDate + ": the image of slot " + story.slot() + " ("
                    + (story.file() == null ? src : story.file()) + ") is missing, so readers would see a broken image. "
                    + "Make it again: run the images step for the issue (POST /jobs/images), then html_compile.");
        }
        byte[] content = read(story.file());
        String type = EmailImage.contentType(content);
        if (type == null) {
            throw new PermanentFailure("Issue " + issueDate + ": the image of slot " + story.slot() + " ("
                    + story.file() + ") is neither a PNG nor a JPEG, which every mail client shows. Make it again: run the "
                    + "images step for the issue (POST /jobs/images), then html_compile.");
        }
        return new MessageImage(story.slot(), "cid:slot-" + story.slot() + "." + idSuffix, story.file(), type,
                (long) content.length, content);
    }

    private static PermanentFailure unknown(LocalDate issueDate, String src) {
        return new PermanentFailure("Issue " + issueDate + ": its HTML shows an image at '" + src + "', which is neither "
                + "an https URL nor one of the issue's story images, so no mail client could load it. Compile the issue "
                + "again (html_compile).");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the image " + file + ": " + e.getMessage(), e);
        }
    }

    /** For logs and summaries: "5 images inside the message (98,765 bytes)", "5 hosted images". */
    public static String describe(List<MessageImage> images) {
        List<MessageImage> inside = images.stream().filter(MessageImage::embedded).toList();
        long bytes = inside.stream().mapToLong(MessageImage::bytes).sum();
        int hosted = images.size() - inside.size();
        String in = inside.isEmpty() ? "" : inside.size() + (inside.size() == 1 ? " image" : " images")
                + " inside the message (" + bytes + " bytes)";
        String out = hosted == 0 ? "" : hosted + " hosted" + (hosted == 1 ? " image" : " images");
        return in.isEmpty() && out.isEmpty() ? "no images" : in.isEmpty() ? out : out.isEmpty() ? in : in + ", " + out;
    }
}
