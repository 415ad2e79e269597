package aieditor.faults;

import aieditor.fixtures.ChildJvm;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The reduced version of ops/faults/kill_runs.py: `run --date D` is SIGKILLed (twice right after newsletter.eml is
 * written, twice at a random moment of an unkilled run's duration), then run again; the re-run must exit 0 with the
 * chain completed, and the .eml must have been written exactly once over both runs. Each trial has its own data
 * folder and database. Slow (about a minute and a half): only the faults profile runs it
 * ({@code ./mvnw -B test -Pfaults}).
 */
@Tag("faults")
class EmbeddedKillTest {
    private static final Path BASE = Path.of("target", "faults", "embedded-kill").toAbsolutePath();
    private static final LocalDate FIRST = LocalDate.of(2031, 1, 6);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void should_write_the_issue_exactly_once_when_run_is_killed_and_run_again() throws Exception {
        deleteRecursively(BASE);
        // how long an unkilled run takes: the random kills are drawn over it
        Path calibration = BASE.resolve("calibration");
        long started = System.nanoTime();
        ChildJvm unkilled = ChildJvm.run("faults-kill-calibration", properties(calibration), FIRST.minusDays(1));
        int calibrationExit = unkilled.waitFor(RUN_TIMEOUT);
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        if (calibrationExit != 0) {
            throw new AssertionError("The unkilled run failed (exit " + calibrationExit + "):\n" + unkilled.log());
        }

        Random random = new Random(20261201L);
        SoftAssertions softly = new SoftAssertions();
        List<String> table = new ArrayList<>();
        for (int trial = 0; trial < 4; trial++) {
            boolean atEml = trial % 2 == 0;
            LocalDate date = FIRST.plusDays(trial);
            Path data = BASE.resolve("trial-" + trial);
            Path issue = data.resolve("outbox").resolve(date.toString());
            Files.createDirectories(issue);
            EmlWrites writes = new EmlWrites(issue.resolve("newsletter.eml"));
            long delayMs = atEml ? -1 : random.nextInt((int) Math.max(1, wallMs));

            ChildJvm first = ChildJvm.run("faults-kill-" + trial + "-first", properties(data), date);
            long t0 = System.nanoTime();
            while (first.process().isAlive() && (System.nanoTime() - t0) < RUN_TIMEOUT.toNanos()) {
                if (atEml ? writes.count() > 0 : (System.nanoTime() - t0) / 1_000_000 >= delayMs) {
                    break;
                }
                Thread.sleep(1);
            }
            boolean killed = first.process().isAlive();
            first.kill();
            long killedAtMs = (System.nanoTime() - t0) / 1_000_000;
            int writesFirst = writes.count();

            ChildJvm second = ChildJvm.run("faults-kill-" + trial + "-second", properties(data), date);
            int exit = second.waitFor(RUN_TIMEOUT);
            int total = writes.stop();
            String log = second.log();
            String plan = atEml ? "killed after the .eml" : "killed at " + delayMs + " ms";
            table.add(String.format("trial %d %s: %s (%s at %d ms), writes %d then %d, re-run exit %d, open jobs %s",
                    trial, date, plan, killed ? "killed" : "had exited", killedAtMs, writesFirst, total - writesFirst,
                    exit, openJobs(data)));

            softly.assertThat(exit).as("trial %d (%s): re-run exit code", trial, plan).isZero();
            softly.assertThat(log).as("trial %d (%s): re-run completes the chain", trial, plan)
                    .contains("Pipeline run for issue " + date).contains("The newsletter is in");
            softly.assertThat(total).as("trial %d (%s): newsletter.eml written exactly once over both runs", trial, plan)
                    .isEqualTo(1);
        }
        System.out.println("EmbeddedKillTest: unkilled run " + wallMs + " ms\n  " + String.join("\n  ", table));
        softly.assertAll();
    }

    /**
     * The trial's data folder; its database is {data}/db/ai-editor, where an empty db.url puts it (with the store's
     * durability settings). Only a db.url set in application.properties (older code) is overridden to go there too.
     */
    private static Map<String, String> properties(Path data) throws IOException {
        Properties configured = new Properties();
        try (var in = Files.newInputStream(Path.of("application.properties"))) {
            configured.load(in);
        }
        if (configured.getProperty("db.url", "").isBlank()) {
            return Map.of("aieditor.data-dir", data.toString());
        }
        return Map.of("aieditor.data-dir", data.toString(),
                "db.url", "jdbc:h2:file:" + data + "/db/ai-editor;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE");
    }

    /** Jobs left queued, running or retrying in the trial's database (reported, not asserted). */
    private static String openJobs(Path data) {
        String url = "jdbc:h2:file:" + data + "/db/ai-editor;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT step || ':' || status FROM jobs WHERE status IN ('queued', 'running', 'retrying')")) {
            List<String> open = new ArrayList<>();
            while (r.next()) {
                open.add(r.getString(1));
            }
            return open.isEmpty() ? "none" : String.join(" ", open);
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * Counts the versions of a file: a 2 ms poll of (file key, mtime, size), each new non-empty (file key, mtime)
     * one write. A write in place shows an empty file first (created or truncated), so empty versions do not count;
     * a write to a temporary file renamed onto it is a new file key.
     */
    private static final class EmlWrites {
        private record Version(Object key, FileTime mtime, long size) {
        }

        private final AtomicInteger writes = new AtomicInteger();
        private final Thread poller;
        private volatile boolean running = true;

        EmlWrites(Path file) {
            poller = new Thread(() -> {
                Version counted = null;
                while (running) {
                    Version now = version(file);
                    if (now != null && now.size() > 0 && (counted == null || !Objects.equals(now.key(), counted.key())
                            || !now.mtime().equals(counted.mtime()))) {
                        writes.incrementAndGet();
                        counted = now;
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "eml-writes");
            poller.setDaemon(true);
            poller.start();
        }

        private static Version version(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Version(a.fileKey(), a.lastModifiedTime(), a.size());
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int count() {
            return writes.get();
        }

        int stop() throws InterruptedException {
            Thread.sleep(100);
            running = false;
            poller.join(1000);
            return writes.get();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
