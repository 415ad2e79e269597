package aieditor.images;

import aieditor.http.HttpReply;
import aieditor.http.HttpRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Signed uploads to Cloudinary (route cloudinary-upload), configured by a CLOUDINARY_URL of the form
 * cloudinary://key:secret@cloud. A fixed public id per issue and slot with overwrite makes a re-run replace
 * the image instead of piling up copies.
 */
public final class CloudinaryHost implements ImageHost {
    private final HttpRoutes http;
    private final ObjectMapper json;
    private final String apiKey;
    private final String apiSecret;
    private final String cloud;
    private final String folder;
    private final Clock clock;

    /** @param folder prefix of every public id, e.g. "ai-editor" */
    public CloudinaryHost(HttpRoutes http, ObjectMapper json, String cloudinaryUrl, String folder, Clock clock) {
        URI uri = URI.create(cloudinaryUrl.strip());
        String[] credentials = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
        if (!"cloudinary".equals(uri.getScheme()) || credentials.length != 2 || uri.getHost() == null) {
            throw new IllegalArgumentException("CLOUDINARY_URL must look like cloudinary://<api_key>:<api_secret>@<cloud_name>");
        }
        this.http = http;
        this.json = json;
        this.apiKey = credentials[0];
        this.apiSecret = credentials[1];
        this.cloud = uri.getHost();
        this.folder = folder;
        this.clock = clock;
    }

    @Override
    public Optional<String> publish(Path file, String name) throws IOException {
        String publicId = folder + "/" + name;
        Map<String, String> signed = new TreeMap<>(Map.of("overwrite", "true", "public_id", publicId,
                "timestamp", String.valueOf(clock.instant().getEpochSecond())));
        Map<String, String> form = new LinkedHashMap<>(signed);
        form.put("api_key", apiKey);
        form.put("signature", signature(signed, apiSecret));
        byte[] image = Files.readAllBytes(file);
        String type = EmailImage.contentType(image);
        form.put("file", "data:" + (type == null ? "application/octet-stream" : type) + ";base64,"
                + Base64.getEncoder().encodeToString(image));
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpReply reply = http.call("direct:cloudinary-upload", body, Map.of(Exchange.HTTP_METHOD, "POST",
                Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded", "cloudinaryCloud", cloud));
        JsonNode answer = json.readTree(reply.text().isEmpty() ? "{}" : reply.text());
        String url = answer.path("secure_url").asText("");
        if (!reply.ok() || !url.startsWith("https://")) {
            throw new IOException("Cloudinary upload of " + publicId + " failed with HTTP " + reply.status() + ": "
                    + answer.path("error").path("message").asText(reply.text()));
        }
        return Optional.of(url);
    }

    /** Cloudinary's scheme: the signed parameters sorted by name as k=v joined by '&', the secret appended, SHA-1 hex. */
    static String signature(Map<String, String> params, String secret) {
        String toSign = new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&")) + secret;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JRE has SHA-1", e);
        }
    }
}
