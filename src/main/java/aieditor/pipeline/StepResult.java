package aieditor.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every job's result, the same for every step: {processed, written, errors}. One instance travels with a job as an exchange
 * property, shared by split branches, so it is safe to update from several threads.
 */
public final class StepResult {
    /** Exchange property under which the running job's result travels. */
    public static final String PROPERTY = "stepResult";

    private final AtomicInteger processed = new AtomicInteger();
    private final AtomicInteger written = new AtomicInteger();
    private final List<Map<String, Object>> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile String summary = "";
    private volatile int expected;
    private final AtomicInteger done = new AtomicInteger();

    public void processed(int n) {
        processed.addAndGet(n);
    }

    public void written(int n) {
        written.addAndGet(n);
    }

    /** Records a problem that did not stop the step, e.g. {source: ..., error: ...} or {slot: 2, error: ...}. */
    public void error(String key, Object value, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(key, value);
        e.put("error", message);
        errors.add(e);
    }

    /** Adds another result's problems, in their order: a branch that kept its own list hands it over this way. */
    public void takeErrors(StepResult other) {
        errors.addAll(other.errors());
    }

    /** One human sentence for the CLI and the job record, e.g. "5 slots selected from 31 candidates". */
    public void summary(String text) {
        this.summary = text;
    }

    /** How many items (slots, articles) this run will go through, for progress reports. */
    public void expect(int items) {
        expected = items;
    }

    /** One more item done; returns e.g. "3/5". */
    public String advance() {
        return done.incrementAndGet() + "/" + expected;
    }

    public int processed() {
        return processed.get();
    }

    public int written() {
        return written.get();
    }

    public List<Map<String, Object>> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    public String summary() {
        return summary;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("processed", processed());
        m.put("written", written());
        m.put("errors", errors());
        m.put("summary", summary);
        return m;
    }
}
