package aieditor.social_sync;

/** A channel took the post: its HTTP status and what it calls the post (a Mastodon status's id and URL), if it said. */
public record Posted(int httpStatus, String remoteId, String remoteUrl) {
}
