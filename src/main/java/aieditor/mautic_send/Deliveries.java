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
import java.util.function.UnaryOperator;

/** Builds the delivery newsletter.delivery names: outbox (the default), mautic or smtp. */
public final class Deliveries {
    private Deliveries() {
    }

    /** @param prop reads a configuration property, failing when it is missing */
    public static Delivery configured(UnaryOperator<String> prop, CamelContext context, HttpRoutes http, ObjectMapper json) {
        String kind = prop.apply("newsletter.delivery").strip().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "outbox" -> new OutboxDelivery(Path.of(prop.apply("newsletter.outbox-dir")), prop.apply("newsletter.from"),
                    prop.apply("newsletter.to"), prop.apply("newsletter.unsubscribe-mailto"));
            case "mautic" -> new MauticDelivery(new MauticApi(http, mauticAuth(prop, http, json), json),
                    prop.apply("mautic.email-name-prefix"), ids(prop.apply("mautic.segment-ids")));
            case "smtp" -> new SmtpDelivery(message -> {
                // one send a day: a short-lived template keeps this free of start-up ordering concerns
                ProducerTemplate template = context.createProducerTemplate();
                try {
                    template.sendBody("direct:smtp-send", message);
                } finally {
                    template.stop();
                }
            }, prop.apply("newsletter.smtp.host") + ":" + prop.apply("newsletter.smtp.port"), prop.apply("newsletter.from"),
                    prop.apply("newsletter.to"), prop.apply("newsletter.unsubscribe-mailto"));
            default -> throw new IllegalArgumentException("newsletter.delivery must be outbox, mautic or smtp, not '" + kind + "'");
        };
    }

    static MauticAuth mauticAuth(UnaryOperator<String> prop, HttpRoutes http, ObjectMapper json) {
        if (prop.apply("mautic.base-url").isBlank()) {
            throw new IllegalArgumentException("newsletter.delivery=mautic needs mautic.base-url (MAUTIC_BASE_URL)");
        }
        String mode = prop.apply("mautic.auth").strip().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "oauth2" -> new MauticOAuth2(http, json, required(prop, "mautic.client-id", "MAUTIC_CLIENT_ID"),
                    required(prop, "mautic.client-secret", "MAUTIC_CLIENT_SECRET"), Clock.systemUTC());
            case "basic" -> MauticAuth.basic(required(prop, "mautic.username", "MAUTIC_USERNAME"),
                    required(prop, "mautic.password", "MAUTIC_PASSWORD"));
            default -> throw new IllegalArgumentException("mautic.auth must be oauth2 or basic, not '" + mode + "'");
        };
    }

    private static String required(UnaryOperator<String> prop, String key, String env) {
        String value = prop.apply(key);
        if (value.isBlank()) {
            throw new IllegalArgumentException("Mautic needs " + key + " (" + env + ") for mautic.auth=" + prop.apply("mautic.auth"));
        }
        return value;
    }

    static List<Integer> ids(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }
}
