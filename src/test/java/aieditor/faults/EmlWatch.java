package aieditor.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts how often an issue's newsletter.eml appears in the outbox (written, or renamed into place, by any process
 * sharing the folder): the outbox's "send". The issue folder is made before the chain runs so the watch sees the
 * first write too.
 */
final class EmlWatch implements AutoCloseable {
    private final Path dir;
    private final WatchService watch;
    private final AtomicInteger written = new AtomicInteger();
    private final Thread reader;

    EmlWatch(Path dataDir, LocalDate issueDate) {
        this.dir = dataDir.resolve("outbox").resolve(issueDate.toString());
        try {
            Files.createDirectories(dir);
            watch = FileSystems.getDefault().newWatchService();
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = new Thread(this::read, "eml-watch");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (true) {
                WatchKey key = watch.take();
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                        written.set(-1000); // events lost: the count means nothing, and says so
                    } else if (e.context().toString().equals("newsletter.eml")) {
                        written.incrementAndGet();
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** How often newsletter.eml was created. */
    int written() {
        return written.get();
    }

    boolean exists() {
        return Files.exists(dir.resolve("newsletter.eml"));
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
