package aieditor.queue;

import java.util.Map;

/**
 * A message as it sits on a Redis queue: the exchange body and the headers the worker needs, plus the queue
 * bookkeeping. {@code deliveries} counts how often a worker has been given it; above 1 it is a redelivery.
 */
record Envelope(String id, String queue, String body, Map<String, String> headers, int deliveries) {
    Envelope {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        deliveries = Math.max(deliveries, 1);
    }
}
