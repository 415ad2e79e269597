package aieditor.images;

import aieditor.ai.ImageProvider;
import aieditor.ai.Providers;
import aieditor.pipeline.JobControl;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import aieditor.store.Sql;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Step 3b: one image per decorated story, written under the data folder as {@code <issue date>/slot-<n>.jpg} (or
 * .png, see {@link EmailImage}). A story whose image fails goes out without one; the failure is recorded.
 */
public final class ImagesStep {
    /** This step's id in pipeline.steps, its route's id. */
    public static final String ID = "images";

    private final NamedParameterJdbcTemplate jdbc;
    private final DecoratedStories stories;
    private final Issues issues;
    private final Providers providers;
    private final JobControl control;
    private final Path imagesDir;
    private final ImageHost host;
    private final Settings settings;
    private final Clock clock;

    /**
     * What each image is and where readers fetch it.
     *
     * @param width         images.width
     * @param height        images.height
     * @param jpegQuality   images.jpeg-quality, 0..1
     * @param publicBaseUrl images.public-base-url: where the images folder is published; blank: relative links
     */
    public record Settings(int width, int height, float jpegQuality, String publicBaseUrl) {
    }

    public ImagesStep(NamedParameterJdbcTemplate jdbc, DecoratedStories stories, Issues issues, Providers providers,
                      JobControl control, Path imagesDir, ImageHost host, Settings settings, Clock clock) {
        this.jdbc = jdbc;
        this.stories = stories;
        this.issues = issues;
        this.providers = providers;
        this.control = control;
        this.imagesDir = imagesDir;
        this.host = host;
        this.settings = settings;
        this.clock = clock;
    }

    public void run(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                    @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        StepLog out = StepLog.of(ImagesStep.ID, jobId);
        if (issues.isSent(issueDate)) {
            out.info("Issue {} was already sent: keeping its images.", issueDate);
            result.summary("issue already sent, images kept");
            return;
        }
        List<DecoratedStories.Story> list = stories.list(issueDate);
        if (list.isEmpty()) {
            throw new IllegalStateException("Issue " + issueDate + " has no decorated story: run decoration first");
        }
        ImageProvider provider = providers.images();
        Path dir = imagesDir.resolve(issueDate.toString());
        long bytes = 0;
        for (DecoratedStories.Story story : list) {
            control.checkpoint(jobId);
            bytes += image(issueDate, story, provider, dir, result, out);
        }
        result.summary(result.written() + "/" + list.size() + " images made, " + bytes + " bytes in all");
        issues.setStatus(issueDate, Issues.IMAGES_READY, "images");
    }

    /**
     * One story's image, made and stored; a failure is recorded and the story goes out without one.
     * Returns the image's size in bytes, 0 when it failed.
     */
    private int image(LocalDate issueDate, DecoratedStories.Story story, ImageProvider provider, Path dir,
                      StepResult result, StepLog out) {
        int width = settings.width();
        int height = settings.height();
        String publicBaseUrl = settings.publicBaseUrl();
        result.processed(1);
        try {
            EmailImage image = EmailImage.of(provider.image(story.headline(), story.source(), story.slot(), width, height),
                    settings.jpegQuality());
            Files.createDirectories(dir);
            String fileName = "slot-" + story.slot() + "." + image.extension();
            Path file = dir.resolve(fileName);
            Files.write(file, image.bytes());
            // a re-run that now encodes the other way must not leave the old file for the desk or the outbox to find
            Files.deleteIfExists(dir.resolve("slot-" + story.slot() + (image.extension().equals("jpg") ? ".png" : ".jpg")));
            String url = publicBaseUrl == null || publicBaseUrl.isBlank()
                    ? "images/" + fileName
                    : publicBaseUrl.replaceAll("/+$", "") + "/" + issueDate + "/" + fileName;
            url = hosted(file, issueDate + "/slot-" + story.slot(), story.slot(), result, out).orElse(url);
            save(issueDate, story.slot(), file, url, width, height, image.bytes().length, provider.name());
            result.written(1);
            out.info("Slot {}: image ready ({} x {}, {} {} bytes; {} bytes as the provider's PNG).", story.slot(), width,
                    height, image.extension().equals("jpg") ? "JPEG" : "PNG", image.bytes().length, image.pngBytes());
            return image.bytes().length;
        } catch (IOException | RuntimeException e) {
            result.error("slot", story.slot(), aieditor.pipeline.FailureText.of(e));
            out.warn("Slot {}: no image, the story goes out without one: {}", story.slot(), e.getMessage());
            return 0;
        }
    }

    /**
     * Makes one slot's image again outside a job, for an editor who replaced or regenerated its story (the image
     * shows the headline). True when it was made.
     */
    public boolean imageOne(LocalDate issueDate, int slot) {
        StepResult result = new StepResult();
        stories.list(issueDate).stream().filter(s -> s.slot() == slot).findFirst().ifPresent(story ->
                image(issueDate, story, providers.images(), imagesDir.resolve(issueDate.toString()), result,
                        StepLog.of(ImagesStep.ID, null)));
        return result.written() == 1;
    }

    /** The folder of an issue's image files. */
    public Path folder(LocalDate issueDate) {
        return imagesDir.resolve(issueDate.toString());
    }

    /** A failed upload keeps the local link: the story still has its image wherever the outbox puts it. */
    private Optional<String> hosted(Path file, String name, int slot, StepResult result, StepLog out) {
        try {
            return host.publish(file, name);
        } catch (IOException | RuntimeException e) {
            result.error("slot", slot, "image upload failed: " + e.getMessage());
            out.warn("Slot {}: the image upload failed, the newsletter links the local image: {}", slot, e.getMessage());
            return Optional.empty();
        }
    }

    private void save(LocalDate issueDate, int slot, Path file, String url, int width, int height, int bytes, String provider) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("d", issueDate).addValue("slot", slot)
                .addValue("path", file.toString()).addValue("url", url).addValue("w", width).addValue("h", height)
                .addValue("bytes", bytes).addValue("provider", provider).addValue("now", Sql.ts(clock.instant()));
        jdbc.update("DELETE FROM images WHERE issue_date = :d AND slot = :slot", p);
        jdbc.update("INSERT INTO images (issue_date, slot, path, url, width, height, bytes, provider, created_at) "
                + "VALUES (:d, :slot, :path, :url, :w, :h, :bytes, :provider, :now)", p);
    }
}
