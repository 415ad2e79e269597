package aieditor.social_sync;

import aieditor.ai.Providers;
import aieditor.ai.llm.CallOwner;
import aieditor.model.Decoration;
import aieditor.model.WebLink;
import aieditor.pipeline.JobControl;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.RetryJobLater;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.DecoratedStories;
import aieditor.store.Sql;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Step 5: one social post per story of the issue, stored, then published through the configured channels
 * (social.channels: Mastodon, a signed webhook) once the issue is sent. The route writes the stories' posts in
 * parallel: each is one provider call, independent of the others; they are published one by one, in slot order.
 */
public final class SocialSyncStep {
    /** This step's id in pipeline.steps, its route's id. */
    public static final String ID = "social_sync";

    private final NamedParameterJdbcTemplate jdbc;
    private final DecoratedStories stories;
    private final Providers providers;
    private final JobControl control;
    private final SocialPublisher publisher;
    private final int maxChars;
    private final Clock clock;

    /** @param maxChars social.max-chars: the longest post a story gets */
    SocialSyncStep(NamedParameterJdbcTemplate jdbc, DecoratedStories stories, Providers providers, JobControl control,
                   SocialPublisher publisher, int maxChars, Clock clock) {
        this.jdbc = jdbc;
        this.stories = stories;
        this.providers = providers;
        this.control = control;
        this.publisher = publisher;
        this.maxChars = maxChars;
        this.clock = clock;
    }

    /** The issue's stories, one branch each in the route's split. */
    public List<DecoratedStories.Story> stories(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate) {
        return stories.list(issueDate);
    }

    /** One story's post; a story that already has one keeps it, and a failed one is recorded, not thrown. */
    public void post(@Body DecoratedStories.Story story, @Header(JobHeaders.ISSUE_DATE) LocalDate issueDate,
                     @Header(JobHeaders.JOB_ID) String jobId, @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        StepLog out = StepLog.of(SocialSyncStep.ID, jobId);
        control.checkpoint(jobId);
        result.processed(1);
        if (exists(issueDate, story.slot())) {
            out.info("Slot {}: post already exists, kept.", story.slot());
            return;
        }
        try {
            String text;
            try (CallOwner.Scope owner = CallOwner.enter(jobId, issueDate)) {
                // a link that is not http(s) is left out of the post rather than published
                text = providers.social().post(new Decoration(story.headline(), story.bullets()),
                        WebLink.clean(story.url()), maxChars);
            }
            jdbc.update("INSERT INTO social_posts (issue_date, slot, article_id, post_text, status, created_at) "
                            + "VALUES (:d, :slot, :a, :text, 'draft', :now)",
                    Map.of("d", issueDate, "slot", story.slot(), "a", story.articleId(), "text", text,
                            "now", Sql.ts(clock.instant())));
            result.written(1);
            out.info("Slot {}: post written ({} characters).", story.slot(), text.length());
        } catch (DuplicateKeyException e) {
            out.info("Slot {}: post already exists, kept.", story.slot());
        } catch (aieditor.pipeline.JobStoppedException e) {
            throw e; // cancelled or timed out: not a failed post
        } catch (RuntimeException e) {
            result.error("slot", story.slot(), aieditor.pipeline.FailureText.of(e));
            out.warn("Slot {}: no post: {}", story.slot(), e.getMessage());
        }
    }

    /**
     * Publishes the stored posts and sums the step up. Posts a channel could not take yet (5xx, timeouts, a rate
     * limit) after the in-place retries fail the job, so the job engine retries it later; refused ones do not.
     */
    public void publish(@Body List<DecoratedStories.Story> list, @Header(JobHeaders.ISSUE_DATE) LocalDate issueDate,
                        @Header(JobHeaders.JOB_ID) String jobId, @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        Publication publication = publisher.publish(issueDate, jobId, list, result, StepLog.of(SocialSyncStep.ID, jobId));
        result.summary(result.written() + " new posts for " + list.size() + " stories" + publication.summary());
        if (publication.leftForRetry() > 0) {
            throw new RetryJobLater(publication.leftForRetry() + " post(s) not published yet, the job is retried: "
                    + String.join("; ", publication.toRetry()));
        }
    }

    private boolean exists(LocalDate issueDate, int slot) {
        return !jdbc.queryForList("SELECT slot FROM social_posts WHERE issue_date = :d AND slot = :slot",
                Map.of("d", issueDate, "slot", slot), Integer.class).isEmpty();
    }
}
