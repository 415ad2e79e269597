package aieditor.desk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is signed in to the desk: a session per sign-in with the control API's secret, kept in this process's memory
 * (a restart signs everyone out), each with its own anti-forgery token and an expiry. Failed sign-ins are counted per
 * client address: past {@code maxFailures} within the window, that address is refused until the window has passed.
 */
final class DeskSessions {
    record Session(String id, String actor, String csrf, Instant expires) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;
    private final Duration lifetime;
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    DeskSessions(String secret, Duration lifetime, int maxFailures, Duration window, Clock clock) {
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.lifetime = lifetime;
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    boolean open() {
        return secret != null;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** Seconds until this address may try again, when it has failed too often; empty when it may try now. */
    Optional<Long> lockedOut(String address) {
        Deque<Instant> times = failures.get(address);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            Instant now = clock.instant();
            while (!times.isEmpty() && times.peekFirst().plus(window).isBefore(now)) {
                times.pollFirst();
            }
            if (times.size() < maxFailures) {
                return Optional.empty();
            }
            return Optional.of(Math.max(1, Duration.between(now, times.peekFirst().plus(window)).toSeconds()));
        }
    }

    /** Checks the secret in constant time; a new session when it is right, a counted failure when not. */
    Optional<Session> signIn(String given, String actor, String address) {
        byte[] g = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
        if (secret == null || !MessageDigest.isEqual(secret, g)) {
            Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(clock.instant());
                while (times.size() > maxFailures) {
                    times.pollFirst();
                }
            }
            return Optional.empty();
        }
        failures.remove(address);
        purgeExpired();
        Session s = new Session(token(), actor, token(), clock.instant().plus(lifetime));
        sessions.put(s.id(), s);
        return Optional.of(s);
    }

    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!s.expires().isAfter(clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    void signOut(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** The anti-forgery token sent with a state-changing request matches the session's (constant time). */
    static boolean tokenMatches(Session s, String given) {
        return given != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !s.expires().isAfter(now));
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
