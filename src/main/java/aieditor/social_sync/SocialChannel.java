package aieditor.social_sync;

/** Somewhere a story's post goes out to readers: one HTTP call per post, classified by {@link PostFailure}. */
public interface SocialChannel {

    /** The name in social.channels and in social_deliveries.channel. */
    String name();

    /**
     * Sends the post once, with its idempotency key.
     *
     * @param jobId the job the call belongs to: its cancel or timeout closes the call's connection
     */
    Posted publish(Post post, String idempotencyKey, String jobId) throws PostFailure;
}
