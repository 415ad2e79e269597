package aieditor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Another process of the application, started from the test classpath, its output in target/<name>.log. */
public final class ChildJvm {
    // HTTP/1.1, as the other tests speak to the service (the JDK's h2c upgrade once left a call hanging)
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final Path log;
    private final String port;

    private ChildJvm(Process process, Path log, String port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code Application} with the given system properties and arguments (e.g. serve --role worker). */
    public static ChildJvm start(String name, Map<String, String> properties, String... args) {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true", "-Xmx256m",
                // the image's JVM flags (Dockerfile JAVA_OPTS): they also start a process sooner on a busy machine
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(Application.class.getName());
        command.addAll(List.of(args));
        Path log = Path.of("target", name + ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildJvm(p, log, properties.get("camel.server.port"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code run --date D} with the given system properties: one chained run of the embedded default. */
    public static ChildJvm run(String name, Map<String, String> properties, LocalDate date) {
        return start(name, properties, "run", "--date", date.toString());
    }

    /** Waits for the process to end and returns its exit code; past the timeout it is killed and this fails. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("Process " + log + " still ran after " + timeout + ": killed");
        }
        return process.exitValue();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** GET on the process's HTTP port (camel.server.port as started), with a bearer token when given; null when it does not answer. */
    public HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(java.time.Duration.ofSeconds(5));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether the process says it is ready (its readiness health check answers 200). */
    public boolean ready() {
        HttpResponse<String> r = get("/observe/health/ready", null);
        return r != null && r.statusCode() == 200;
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the process dies without a word. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * SIGSTOP: the process stops where it is, like a host that froze or lost the network - it holds its connections
     * and its jobs but does nothing, not even beat or read a signal. {@link #kill} still works on it.
     */
    public void freeze() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-STOP", String.valueOf(process.pid())).redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IOException("kill -STOP " + process.pid() + " failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    /** SIGTERM: the process is asked to stop. */
    public void terminate() {
        process.destroy();
    }

    public void stopQuietly() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
