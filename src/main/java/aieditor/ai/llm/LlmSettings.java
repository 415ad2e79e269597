package aieditor.ai.llm;

import java.time.Duration;

/**
 * How one vendor's client behaves: attempts and backoff for retryable HTTP answers, how many calls may be in
 * flight at once, and how many may start per second (0 = no rate limit).
 */
public record LlmSettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, int maxConcurrent,
                          double requestsPerSecond) {
}
