package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@Schema(description = "An issue's social posts and, per channel, whether each went out (social.channels)")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IssueSocial(
        @JsonProperty("issue_date") LocalDate issueDate,
        @JsonProperty("issue_status") @Schema(example = "sent") String issueStatus,
        @Schema(description = "The configured channels (mastodon, webhook), in the order posts go to them")
        List<String> channels,
        @Schema(description = "on; waiting for the issue to be sent (posts never go out before it); or off (no channel)",
                example = "on") String publishing,
        List<SocialPost> posts) {

    @Schema(description = "One story's stored post")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SocialPost(int slot, String text, @JsonProperty("created_at") Instant createdAt,
                             List<SocialDelivery> deliveries) {
    }

    @Schema(description = "The post on one channel")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SocialDelivery(
            @Schema(allowableValues = {"mastodon", "webhook"}) String channel,
            @Schema(description = "posted; failed (see error, retryable); sending (an attempt holds it); waiting (the "
                    + "issue is not sent yet); pending (not tried yet)",
                    allowableValues = {"posted", "failed", "sending", "waiting", "pending"}) String status,
            @JsonProperty("remote_id")
            @Schema(description = "The Mastodon status id, or the id the webhook receiver answered with", nullable = true)
            String remoteId,
            @JsonProperty("remote_url")
            @Schema(description = "The status's public URL, or the one the receiver answered with", nullable = true)
            String remoteUrl,
            @Schema(description = "Why it failed, in the channel's own words", nullable = true,
                    example = "HTTP 422: Validation failed: Text character limit of 500 exceeded") String error,
            @JsonProperty("http_status")
            @Schema(description = "The channel's last HTTP status (none when no answer came)", nullable = true) Integer httpStatus,
            @Schema(description = "Whether a retry may succeed (5xx, timeouts, rate limits); refusals are not retried "
                    + "by the job", nullable = true) Boolean retryable,
            @Schema(description = "HTTP calls made for it so far") int attempts,
            @JsonProperty("idempotency_key")
            @Schema(description = "Sent as Idempotency-Key with every attempt", nullable = true) String idempotencyKey,
            @JsonProperty("posted_at") @Schema(nullable = true) Instant postedAt,
            @JsonProperty("updated_at") @Schema(nullable = true) Instant updatedAt) {
    }
}
