package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

@Schema(description = "The issue's message as the configured channel will send it now: its size and the images its HTML "
        + "part shows. The HTML part is the issue's html with each image's src replaced by the src listed here "
        + "(outbox and SMTP carry images that are not hosted inside the message, as cid: parts; Mautic is given the "
        + "HTML only and needs every image hosted). Null before the issue is compiled.")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageView(
        @Schema(allowableValues = {"outbox", "mautic", "smtp"}) String channel,
        @Schema(description = "The whole MIME message (outbox, SMTP), or the HTML and text Mautic is given; null when "
                + "the message cannot be built", nullable = true, example = "152340") Long bytes,
        List<MessageImageView> images,
        @Schema(description = "Why the issue cannot go out as it is (an image readers could not load, images not hosted "
                + "for Mautic); the send would fail with it", nullable = true) String problem) {
}
