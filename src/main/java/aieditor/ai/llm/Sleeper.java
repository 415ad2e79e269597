package aieditor.ai.llm;

import java.time.Duration;

/** Waiting, as a seam: tests record the waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
