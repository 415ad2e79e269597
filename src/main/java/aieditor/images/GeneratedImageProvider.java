package aieditor.images;

import aieditor.ai.ImageProvider;
import aieditor.http.HttpReply;
import aieditor.http.HttpRoutes;
import aieditor.pipeline.StepLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * Story images from an OpenAI-compatible image API (POST {base}/v1/images/generations, route image-generate,
 * answer data[0].b64_json), cropped to the card size the newsletter lays out. Whatever goes wrong, the story
 * gets the fallback provider's card instead: an image API outage must not cost the issue its images.
 */
public final class GeneratedImageProvider implements ImageProvider {
    private final HttpRoutes http;
    private final ObjectMapper json;
    private final String apiKey;
    private final String model;
    private final String size;
    private final ImageProvider fallback;

    public GeneratedImageProvider(HttpRoutes http, ObjectMapper json, String apiKey, String model, String size, ImageProvider fallback) {
        this.http = http;
        this.json = json;
        this.apiKey = apiKey;
        this.model = model;
        this.size = size;
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return "image-api";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public byte[] image(String headline, String source, int slot, int width, int height) {
        try {
            String body = json.writeValueAsString(Map.of("model", model, "n", 1, "size", size, "response_format", "b64_json",
                    "prompt", "Editorial illustration for a news story titled \"" + headline + "\". No text, letters or logos."));
            HttpReply reply = http.call("direct:image-generate", body, Map.of(Exchange.HTTP_METHOD, "POST",
                    Exchange.CONTENT_TYPE, "application/json", "Authorization", "Bearer " + apiKey));
            String b64 = reply.ok() ? json.readTree(reply.text()).path("data").path(0).path("b64_json").asText("") : "";
            if (b64.isEmpty()) {
                throw new IOException("HTTP " + reply.status() + ": " + json.readTree(reply.text().isEmpty() ? "{}" : reply.text())
                        .path("error").path("message").asText("no image in the answer"));
            }
            return fit(Base64.getDecoder().decode(b64), width, height);
        } catch (IOException | RuntimeException e) {
            StepLog.of(ImagesStep.ID, null).warn("Slot {}: image generation failed, using the story card: {}", slot, e.getMessage());
            return fallback.image(headline, source, slot, width, height);
        }
    }

    /** Scales to cover the card and crops the overflow evenly, so the layout's width and height always hold. */
    static byte[] fit(byte[] image, int width, int height) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(image));
        if (source == null) {
            throw new IOException("the image API answered with something that is not an image");
        }
        double scale = Math.max((double) width / source.getWidth(), (double) height / source.getHeight());
        int w = (int) Math.ceil(source.getWidth() * scale);
        int h = (int) Math.ceil(source.getHeight() * scale);
        BufferedImage card = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = card.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(source, (width - w) / 2, (height - h) / 2, w, h, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(card, "png", out);
        return out.toByteArray();
    }
}
