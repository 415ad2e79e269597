package aieditor.mautic_send;

import aieditor.http.HttpRoutes;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Builds the delivery newsletter.delivery names: outbox (the default), mautic or smtp. */
public final class Deliveries {
    private Deliveries() {
    }

    /**
     * @param kind       newsletter.delivery: outbox, mautic or smtp
     * @param outboxDir  newsletter.outbox-dir
     * @param envelope   the outbox's and SMTP's sender and recipients
     * @param mautic     mautic.*
     * @param smtpServer newsletter.smtp.host:port, as the SMTP delivery names the server (routes/smtp.camel.yaml connects)
     */
    public record Settings(String kind, Path outboxDir, Envelope envelope, Mautic mautic, String smtpServer) {
    }

    /**
     * newsletter.from, newsletter.to and newsletter.unsubscribe-mailto (the address for mail-based unsubscribe, with
     * or without "mailto:"; blank when the newsletter's https unsubscribe URL is enough).
     */
    public record Envelope(String from, String to, String unsubscribeMailto) {
    }

    /**
     * @param auth       mautic.auth: oauth2 (client credentials) or basic (username and password)
     * @param segmentIds mautic.segment-ids, comma-separated
     */
    public record Mautic(String baseUrl, String auth, String clientId, String clientSecret, String username,
                         String password, String segmentIds, String emailNamePrefix) {
        @Override
        public String toString() {
            return "Mautic[" + baseUrl + ", auth " + auth + "]"; // never the credentials
        }
    }

    public static Delivery configured(Settings settings, CamelContext context, HttpRoutes http, ObjectMapper json, Clock clock) {
        String kind = settings.kind().strip().toLowerCase(Locale.ROOT);
        Envelope envelope = settings.envelope();
        return switch (kind) {
            case "outbox" -> new OutboxDelivery(settings.outboxDir(), new EmlWriter(clock, envelope));
            case "mautic" -> new MauticDelivery(new MauticApi(http, mauticAuth(settings.mautic(), http, json, clock), json),
                    settings.mautic().emailNamePrefix(), ids(settings.mautic().segmentIds()));
            case "smtp" -> new SmtpDelivery(message -> {
                // one send a day: a short-lived template keeps this free of start-up ordering concerns
                ProducerTemplate template = context.createProducerTemplate();
                try {
                    template.sendBody("direct:smtp-send", message);
                } finally {
                    template.stop();
                }
            }, settings.smtpServer(), new EmlWriter(clock, envelope));
            default -> throw new IllegalArgumentException("newsletter.delivery must be outbox, mautic or smtp, not '" + kind + "'");
        };
    }

    private static MauticAuth mauticAuth(Mautic mautic, HttpRoutes http, ObjectMapper json, Clock clock) {
        if (mautic.baseUrl().isBlank()) {
            throw new IllegalArgumentException("newsletter.delivery=mautic needs mautic.base-url (MAUTIC_BASE_URL)");
        }
        String mode = mautic.auth().strip().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "oauth2" -> new MauticOAuth2(http, json, required(mautic.clientId(), "mautic.client-id", "MAUTIC_CLIENT_ID", mautic),
                    required(mautic.clientSecret(), "mautic.client-secret", "MAUTIC_CLIENT_SECRET", mautic), clock);
            case "basic" -> MauticAuth.basic(required(mautic.username(), "mautic.username", "MAUTIC_USERNAME", mautic),
                    required(mautic.password(), "mautic.password", "MAUTIC_PASSWORD", mautic));
            default -> throw new IllegalArgumentException("mautic.auth must be oauth2 or basic, not '" + mode + "'");
        };
    }

    private static String required(String value, String key, String env, Mautic mautic) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Mautic needs " + key + " (" + env + ") for mautic.auth=" + mautic.auth());
        }
        return value;
    }

    private static List<Integer> ids(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }
}
