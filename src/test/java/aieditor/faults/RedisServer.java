package aieditor.faults;

import aieditor.ChildJvm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A redis-server of the test's own on a free port, with its append-only file (fsync on every write, as a production
 * Redis that must not lose queued jobs keeps it), so the test can SIGKILL it and start it again on the same data.
 */
final class RedisServer implements AutoCloseable {
    private final int port = ChildJvm.freePort();
    private final Path dir;
    private final Path log;
    private volatile Process process;

    private RedisServer(String name) {
        this.dir = Path.of("target", "faults", name + "-redis");
        this.log = Path.of("target", "faults", name + "-redis.log");
    }

    /** A fresh server: its data folder is emptied first. */
    static RedisServer start(String name) {
        RedisServer r = new RedisServer(name);
        try {
            if (Files.exists(r.dir)) {
                try (var files = Files.walk(r.dir)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
            Files.createDirectories(r.dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        r.restart();
        return r;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Starts the server on its port and data (after {@link #kill}); returns once it answers PING. */
    void restart() {
        try {
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--dir", dir.toAbsolutePath().toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server must be installed", e);
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> cli("ping").contains("PONG"));
    }

    /** SIGKILL: the server vanishes without a word; connections break, nothing answers on the port. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String cli(String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out.strip();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
