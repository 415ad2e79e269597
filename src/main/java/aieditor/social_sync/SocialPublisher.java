package aieditor.social_sync;

import aieditor.model.WebLink;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the issue's stored posts through every configured channel, story by story in slot order, once the issue
 * itself is sent: a post about an issue readers have not received (or an editor has not approved) must not go out.
 * Each post is claimed in social_deliveries first, so a retry, a redelivery or a re-run skips what went out.
 */
final class SocialPublisher {
    private final List<SocialChannel> channels;
    private final SocialDeliveries deliveries;
    private final PostAttempts attempts;
    private final Issues issues;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    SocialPublisher(List<SocialChannel> channels, SocialDeliveries deliveries, PostAttempts attempts, Issues issues,
                    NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.channels = List.copyOf(channels);
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.issues = issues;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Publication publish(LocalDate issueDate, String jobId, List<DecoratedStories.Story> stories, StepResult result, StepLog out) {
        if (channels.isEmpty()) {
            return Publication.none();
        }
        String status = issues.status(issueDate).orElse("not compiled");
        if (!status.equals(Issues.SENT)) {
            out.info("Issue {} is {}, not sent: its posts wait for the issue to be sent before they go to {} "
                    + "(mautic_send queues social_sync again once it has sent it).", issueDate, status, names());
            return Publication.waiting(status);
        }
        Map<Integer, String> texts = texts(issueDate);
        Publication publication = Publication.none();
        for (SocialChannel channel : channels) {
            Instant pausedUntil = null;
            for (DecoratedStories.Story story : stories) {
                String text = texts.get(story.slot());
                if (text == null) {
                    continue; // its post could not be written: the step's result says why
                }
                if (pausedUntil != null) {
                    publication.deferred(channel.name(), pausedUntil);
                    continue;
                }
                Post post = new Post(issueDate, story.slot(), text, WebLink.clean(story.url()), story.headline());
                pausedUntil = publish(channel, post, jobId, publication, result, out);
            }
        }
        return publication;
    }

    /** One post on one channel; returns when the channel takes posts again if it said that is later than we wait. */
    private Instant publish(SocialChannel channel, Post post, String jobId, Publication publication, StepResult result,
                            StepLog out) {
        String name = channel.name();
        String key = post.idempotencyKey(name);
        // the claim names its holder; a call made outside a job (none today) holds it as "manual"
        String holder = jobId == null ? "manual" : jobId;
        switch (deliveries.claim(post.issueDate(), post.slot(), name, key, holder, clock.instant())) {
            case POSTED -> {
                out.info("Slot {}: already posted to {}; not sent again.", post.slot(), name);
                publication.add(name, Publication.Count.ALREADY_POSTED);
                return null;
            }
            case HELD_BY_ANOTHER_JOB -> {
                out.warn("Slot {}: another job is posting it to {}; this one leaves it.", post.slot(), name);
                publication.add(name, Publication.Count.HELD);
                return null;
            }
            case REFUSED_IN_THIS_JOB -> {
                out.info("Slot {}: {} refused it earlier in this job; not asked again (a new social_sync run tries again).",
                        post.slot(), name);
                publication.add(name, Publication.Count.REFUSED);
                result.error("slot", post.slot(), name + ": refused earlier in this job");
                return null;
            }
            case SEND -> {
                // sent below
            }
        }
        PostAttempts.Outcome outcome;
        try {
            outcome = attempts.send(channel, post, key, jobId, (failure, attempt, wait) ->
                    out.warn("Slot {}: {} did not take the post ({}); attempt {} of the post in {} ms.", post.slot(), name,
                            failure.getMessage(), attempt + 1, wait.toMillis()));
        } catch (RuntimeException stopped) {
            // the job was cancelled or timed out between attempts: the claim is let go, so a new run need not wait
            deliveries.failed(post.issueDate(), post.slot(), name, new PostFailure("not finished: the job stopped ("
                    + aieditor.pipeline.FailureText.of(stopped) + ")", 0, true, null), 0, clock.instant());
            throw stopped;
        }
        if (outcome.posted() != null) {
            deliveries.posted(post.issueDate(), post.slot(), name, outcome.posted(), outcome.attempts(), clock.instant());
            publication.add(name, Publication.Count.POSTED);
            out.info("Slot {}: posted to {} as {} {}.", post.slot(), name, outcome.posted().remoteId(),
                    outcome.posted().remoteUrl() == null ? "" : outcome.posted().remoteUrl());
            return null;
        }
        PostFailure failure = outcome.failure();
        deliveries.failed(post.issueDate(), post.slot(), name, failure, outcome.attempts(), clock.instant());
        result.error("slot", post.slot(), name + ": " + failure.getMessage());
        if (!failure.retryable()) {
            publication.add(name, Publication.Count.REFUSED);
            out.error("Slot {}: {} refused the post: {}. Not retried.", post.slot(), name, failure.getMessage());
            return null;
        }
        publication.add(name, Publication.Count.FAILED);
        publication.toRetry(name, post.slot(), failure.getMessage());
        if (outcome.rateLimitedUntil() != null) {
            out.warn("Slot {}: {} takes no posts before {} ({}); its other posts wait for the job's retry.", post.slot(),
                    name, outcome.rateLimitedUntil(), failure.getMessage());
        } else {
            out.warn("Slot {}: {} did not take the post after {} attempts: {}. The job is retried.", post.slot(), name,
                    outcome.attempts(), failure.getMessage());
        }
        return outcome.rateLimitedUntil();
    }

    private Map<Integer, String> texts(LocalDate issueDate) {
        Map<Integer, String> texts = new HashMap<>();
        jdbc.query("SELECT slot, post_text FROM social_posts WHERE issue_date = :d", Map.of("d", issueDate),
                rs -> {
                    texts.put(rs.getInt("slot"), rs.getString("post_text"));
                });
        return texts;
    }

    private String names() {
        return String.join(" and ", channels.stream().map(SocialChannel::name).toList());
    }
}
