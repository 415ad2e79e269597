package aieditor.social_sync;

import aieditor.ai.Providers;
import aieditor.ai.SocialProvider;
import aieditor.model.Decoration;
import aieditor.pipeline.JobControl;
import aieditor.pipeline.Jobs;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.DecoratedStories;
import aieditor.store.Sql;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Step 5: one social post per story of the issue, stored as a draft for the social tools to pick up. */
public final class SocialSyncStep {
    private final NamedParameterJdbcTemplate jdbc;
    private final DecoratedStories stories;
    private final Providers providers;
    private final JobControl control;

    public SocialSyncStep(NamedParameterJdbcTemplate jdbc, DecoratedStories stories, Providers providers, JobControl control) {
        this.jdbc = jdbc;
        this.stories = stories;
        this.providers = providers;
        this.control = control;
    }

    public void run(@Header(Jobs.ISSUE_DATE) LocalDate issueDate, @Header(Jobs.JOB_ID) String jobId,
                    @ExchangeProperty(StepResult.PROPERTY) StepResult result, int maxChars) {
        StepLog out = StepLog.of(Step.SOCIAL_SYNC, jobId);
        List<DecoratedStories.Story> list = stories.list(issueDate);
        SocialProvider provider = providers.social();
        for (DecoratedStories.Story story : list) {
            control.checkpoint(jobId);
            result.processed(1);
            if (exists(issueDate, story.slot())) {
                out.info("Slot {}: post already exists, kept.", story.slot());
                continue;
            }
            try {
                String text = provider.post(new Decoration(story.headline(), story.bullets()), story.url(), maxChars);
                jdbc.update("INSERT INTO social_posts (issue_date, slot, article_id, post_text, status, created_at) "
                                + "VALUES (:d, :slot, :a, :text, 'draft', :now)",
                        Map.of("d", issueDate, "slot", story.slot(), "a", story.articleId(), "text", text,
                                "now", Sql.ts(Instant.now())));
                result.written(1);
                out.info("Slot {}: post written ({} characters).", story.slot(), text.length());
            } catch (DuplicateKeyException e) {
                out.info("Slot {}: post already exists, kept.", story.slot());
            } catch (RuntimeException e) {
                result.error("slot", story.slot(), e.getClass().getSimpleName() + ": " + e.getMessage());
                out.warn("Slot {}: no post: {}", story.slot(), e.getMessage());
            }
        }
        result.summary(result.written() + " new posts for " + list.size() + " stories");
    }

    private boolean exists(LocalDate issueDate, int slot) {
        return !jdbc.queryForList("SELECT slot FROM social_posts WHERE issue_date = :d AND slot = :slot",
                Map.of("d", issueDate, "slot", slot), Integer.class).isEmpty();
    }
}
