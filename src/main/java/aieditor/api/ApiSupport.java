package aieditor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import aieditor.pipeline.IssueDates;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every control-plane endpoint shares: the bearer check, reading a JSON body safely, and answering in JSON
 * with the right status - client mistakes as 4xx with a message, anything else as a 500 without details.
 */
public final class ApiSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ApiSupport.class);

    interface Handler {
        Object handle() throws Exception;
    }

    private final byte[] secret;
    private final int maxBodyBytes;
    final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    public ApiSupport(String triggerSecret, int maxBodyBytes) {
        this.secret = triggerSecret == null || triggerSecret.isBlank() ? null : triggerSecret.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = maxBodyBytes;
        if (secret == null) {
            LOG.warn("TRIGGER_SECRET is not set: the control API (/jobs, /dlq, /issues, /sources) refuses every call until it is.");
        }
    }

    /** Runs the handler for an authorised caller and writes its answer (or its refusal) as JSON. */
    void respond(Exchange exchange, int status, Handler handler) {
        int code = status;
        Object body;
        String retryAfter = null;
        try {
            authorise(exchange.getMessage().getHeader("Authorization", String.class));
            body = handler.handle();
        } catch (ApiException e) {
            code = e.status();
            body = error(e.getMessage());
        } catch (Exception e) {
            if (storeUnreachable(e)) {
                // nothing was recorded: the caller may safely try again once the database is back
                LOG.warn("The control API could not reach the store on {}: {}", exchange.getMessage().getHeader(Exchange.HTTP_URI), e.getMessage());
                code = 503;
                retryAfter = String.valueOf(RETRY_AFTER_SECONDS);
                body = error("The job store is unreachable; nothing was recorded. Try again in " + RETRY_AFTER_SECONDS + " s.");
            } else {
                LOG.error("The control API failed on {}: {}", exchange.getMessage().getHeader(Exchange.HTTP_URI), e.toString(), e);
                code = 500;
                body = error("Internal error; see the service log");
            }
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, code);
        if (retryAfter != null) {
            exchange.getMessage().setHeader("Retry-After", retryAfter);
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            exchange.getMessage().setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final int RETRY_AFTER_SECONDS = 5;

    /** The database did not answer (refused, timed out, pool exhausted): a passing outage, not a fault of the call. */
    public static boolean storeUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.TransientDataAccessException
                    || t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** Constant-time comparison, so the response time tells nothing about the secret. */
    private void authorise(String header) {
        if (secret == null) {
            throw new ApiException(503, "The control API is closed: TRIGGER_SECRET is not set on the service");
        }
        // the scheme is case-insensitive (RFC 9110 11.1): "bearer x" is as good as "Bearer x"
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(secret, given)) {
            throw new ApiException(401, "Missing or wrong bearer token");
        }
    }

    /** The request body as a JSON object; empty means {}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> body(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            return new LinkedHashMap<>();
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
            throw new ApiException(413, "Request body over " + maxBodyBytes + " bytes");
        }
        try {
            Object parsed = json.readValue(text, Object.class);
            if (!(parsed instanceof Map)) {
                throw new ApiException(400, "The body must be a JSON object");
            }
            refuseNulls(parsed, "");
            return (Map<String, Object>) parsed;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "Malformed JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * A JSON null has no meaning in any body here (a field left out takes its default), and a null deep in a job's
     * free params would fail the job later, far from the caller: it is refused with its path, such as 'a.b[1]'.
     */
    private static void refuseNulls(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> refuseNulls(v, path.isEmpty() ? String.valueOf(k) : path + "." + k));
        } else if (value instanceof java.util.List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                refuseNulls(list.get(i), path + "[" + i + "]");
            }
        } else if (value == null) {
            throw new ApiException(400, "'" + path + "' must not be null; leave it out instead");
        }
    }

    static LocalDate date(Object value, String name) {
        if (!(value instanceof String s)) {
            throw new ApiException(400, "'" + name + "' must be a date string YYYY-MM-DD");
        }
        try {
            return IssueDates.parse(s, name);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    /** An optional text field of a body: absent is null, anything but a string is the caller's mistake. */
    static String text(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value != null && !(value instanceof String)) {
            throw new ApiException(400, "'" + name + "' must be a text");
        }
        return (String) value;
    }

    static int intParam(Exchange exchange, String name, int fallback, int min, int max) {
        String raw = exchange.getMessage().getHeader(name, String.class);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) {
                throw new ApiException(400, "'" + name + "' must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "'" + name + "' must be a whole number, got '" + raw + "'");
        }
    }

    static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }
}
