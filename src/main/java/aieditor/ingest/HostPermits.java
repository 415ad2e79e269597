package aieditor.ingest;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most a few fetches at once from one host: parallel ingest must not hammer a publisher, and one slow or hostile
 * host must not take every ingest thread while the other hosts' feeds wait.
 */
public final class HostPermits {
    private final int perHost;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();

    public HostPermits(int perHost) {
        if (perHost < 1) {
            throw new IllegalArgumentException("At least one fetch per host, not " + perHost);
        }
        this.perHost = perHost;
    }

    /** A permit held until closed. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits for one of the host's permits; interruptible, so a stopped job does not wait on a busy host. */
    public Permit acquire(String location) throws InterruptedException {
        Semaphore permits = hosts.computeIfAbsent(host(location), h -> new Semaphore(perHost, true));
        permits.acquire();
        return permits::release;
    }

    /** "127.0.0.1" and "localhost" are two hosts, as they are to a server; ports do not make another host. */
    static String host(String location) {
        try {
            String host = URI.create(location).getHost();
            return host == null ? location : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return location;
        }
    }
}
