package aieditor.queue;

import aieditor.pipeline.JobCancellation;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.Step;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.DefaultConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Competing workers on a Redis queue: {@code workers} threads each take the most urgent eligible message, lease it,
 * run the route and acknowledge it. While a message runs its lease is renewed, so a long job is never taken from a
 * live worker; every consumer also redelivers messages whose lease ran out (their worker died).
 *
 * <p>On stop no new message is taken; running ones finish within Camel's shutdown timeout, and any still running
 * after it are handed back to the queue at once, for another worker, instead of waiting for their leases.
 */
public final class RedisQueueConsumer extends DefaultConsumer implements ShutdownAware {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisQueueConsumer.class);
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final RedisQueueEndpoint endpoint;
    private final Map<String, Envelope> held = new ConcurrentHashMap<>();
    /** Messages held here whose lease is no longer this worker's: not renewed again, said once. */
    private final java.util.Set<String> leaseLost = ConcurrentHashMap.newKeySet();
    private final Map<Step.Queue, Integer> running = new EnumMap<>(Step.Queue.class);
    private final Object takeLock = new Object();
    private volatile boolean taking;
    private volatile String problem;
    private ExecutorService workers;
    private ScheduledExecutorService leases;

    RedisQueueConsumer(RedisQueueEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        for (Step.Queue q : Step.Queue.values()) {
            running.put(q, 0);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        taking = true;
        var executors = getEndpoint().getCamelContext().getExecutorServiceManager();
        workers = executors.newFixedThreadPool(this, "redis-queue-worker", endpoint.workers());
        for (int i = 0; i < endpoint.workers(); i++) {
            workers.submit(this::work);
        }
        if (leases == null) {
            leases = executors.newSingleThreadScheduledExecutor(this, "redis-queue-leases");
            long period = Math.max(500, endpoint.lease().toMillis() / 3);
            leases.scheduleWithFixedDelay(this::maintain, period, period, TimeUnit.MILLISECONDS);
        }
        LOG.info("[queue] {} worker(s) reading {} (lease {} s).", endpoint.workers(), endpoint.getEndpointUri(),
                endpoint.lease().toSeconds());
    }

    @Override
    protected void doStop() throws Exception {
        // running jobs go on (and keep their leases) while Camel waits for them; no new one is taken
        taking = false;
        if (workers != null) {
            workers.shutdown();
        }
        super.doStop();
    }

    @Override
    protected void doShutdown() throws Exception {
        handBackHeld();
        if (leases != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(leases);
            leases = null;
        }
        super.doShutdown();
    }

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return false;
    }

    @Override
    public int getPendingExchangesSize() {
        return 0;
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        if (forced) {
            handBackHeld();
        }
    }

    /** Why this consumer cannot take work now (Redis unreachable), or empty. */
    public Optional<String> problem() {
        if (!isStarted()) {
            return Optional.of("the worker is not started");
        }
        return Optional.ofNullable(problem);
    }

    /** Messages this process is running now. */
    public int inFlight() {
        return held.size();
    }

    private void work() {
        Envelope done = null; // finished here: acknowledged with the next take
        while (taking || done != null) {
            try {
                Envelope next = takeNext(done);
                done = null;
                fine();
                if (next != null) {
                    done = process(next);
                } else if (taking) {
                    endpoint.queue().awaitWork(WAIT);
                }
            } catch (Exception | Error e) {
                // a worker thread must outlive anything a job throws: a dead thread is a worker less for good
                trouble(e);
                if (!taking && done != null) {
                    // the job's record is final, so a redelivery after the lease only finds it done
                    LOG.warn("[queue] Job {} finished but its message could not be acknowledged: {}",
                            done.headers().get(JobHeaders.JOB_ID), rootMessage(e));
                    done = null;
                }
                pause();
            }
        }
    }

    /** Acknowledges {@code done} (if any) and, while taking, leases the most urgent eligible message. */
    private Envelope takeNext(Envelope done) throws Exception {
        synchronized (takeLock) {
            List<String> eligible = new ArrayList<>();
            for (Step.Queue q : Step.Queue.values()) {
                int cap = endpoint.caps().getOrDefault(q, 0);
                if (taking && (cap <= 0 || running.get(q) < cap)) {
                    eligible.add(q.id());
                }
            }
            if (eligible.isEmpty() && done == null) {
                return null;
            }
            RedisQueue.Taken taken = endpoint.queue().take(eligible, endpoint.lease(),
                    done == null ? null : done.id(), done == null ? 0 : done.deliveries());
            if (done != null && !taken.acked()) {
                LOG.warn("[queue] Job {} finished after its lease ran out; the queue had already given it to another worker.",
                        done.headers().get(JobHeaders.JOB_ID));
            }
            if (taken.message() == null) {
                return null;
            }
            Envelope envelope = endpoint.json().readValue(taken.message(), Envelope.class);
            running.merge(priority(envelope), 1, Integer::sum);
            held.put(envelope.id(), envelope);
            return envelope;
        }
    }

    /** Runs the message's job; returns it when it is to be acknowledged, or null. */
    private Envelope process(Envelope envelope) {
        Exchange exchange = createExchange(false);
        var in = exchange.getMessage();
        in.setBody(envelope.body());
        envelope.headers().forEach(in::setHeader);
        in.setHeader(JobHeaders.DELIVERIES, envelope.deliveries());
        try {
            getProcessor().process(exchange);
        } catch (Exception | Error e) {
            exchange.setException(e);
        } finally {
            synchronized (takeLock) {
                running.merge(priority(envelope), -1, Integer::sum);
            }
        }
        try {
            return finished(envelope, exchange);
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private Envelope finished(Envelope envelope, Exchange exchange) {
        if (held.remove(envelope.id()) == null) {
            return null; // handed back at shutdown: another worker has it now
        }
        if (exchange.getException() != null) {
            String jobId = envelope.headers().get(JobHeaders.JOB_ID);
            LOG.warn("[queue] Job {} failed outside its own error handling ({}); it is redelivered when its lease runs out.",
                    jobId, exchange.getException().toString());
            getExceptionHandler().handleException("Job " + jobId + " failed", exchange, exchange.getException());
            return null;
        }
        return envelope;
    }

    /** Renews the leases held here and redelivers messages whose worker stopped renewing theirs. */
    private void maintain() {
        try {
            leaseLost.retainAll(held.keySet());
            Map<String, Integer> mine = new java.util.HashMap<>();
            held.forEach((id, e) -> {
                if (!leaseLost.contains(id)) {
                    mine.put(id, e.deliveries());
                }
            });
            for (String lost : endpoint.queue().renew(mine, endpoint.lease())) {
                leaseLost.add(lost);
                Envelope e = held.get(lost);
                LOG.warn("[queue] The lease on job {} ran out while it was running here (this process or Redis stalled "
                        + "longer than a lease). The job's record decides: if another worker has taken it over, its run "
                        + "here is stopped.", e == null ? lost : e.headers().get(JobHeaders.JOB_ID));
            }
            long redelivered = endpoint.queue().redeliverExpired();
            if (redelivered > 0) {
                LOG.warn("[queue] Redelivered {} job(s) whose worker stopped renewing its lease.", redelivered);
            }
            fine();
        } catch (Exception e) {
            trouble(e);
        }
    }

    private synchronized void handBackHeld() {
        Map<String, Integer> mine = new java.util.HashMap<>();
        List<String> jobs = new ArrayList<>();
        for (String id : new ArrayList<>(held.keySet())) {
            Envelope e = held.remove(id); // claimed here, so no other path acks or hands it back too
            if (e != null) {
                mine.put(id, e.deliveries());
                jobs.add(e.headers().get(JobHeaders.JOB_ID));
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        try {
            // the job records first: a worker that takes a handed-back message must find its job queued, not
            // running with a fresh heartbeat (it would leave it to this process, which is going away)
            JobCancellation cancellation = getEndpoint().getCamelContext().getRegistry().findSingleByType(JobCancellation.class);
            if (cancellation != null) {
                jobs.stream().filter(java.util.Objects::nonNull).forEach(cancellation::handedBack);
            }
            long moved = endpoint.queue().handBack(mine);
            LOG.warn("[queue] Shutting down: handed {} running job(s) back to the queue for another worker: {}", moved, jobs);
        } catch (Exception e) {
            LOG.warn("[queue] Shutting down: could not hand back jobs {} ({}); they are redelivered when their leases run out.",
                    jobs, e.getMessage());
        }
    }

    private void fine() {
        if (problem != null) {
            LOG.info("[queue] Redis answers again; workers go on.");
            problem = null;
        }
    }

    private void trouble(Throwable e) {
        String message = "Redis unreachable: " + rootMessage(e);
        if (problem == null) {
            LOG.warn("[queue] {}. Workers wait for it; nothing is lost.", message);
        }
        problem = message;
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taking = false;
        }
    }

    private static Step.Queue priority(Envelope envelope) {
        for (Step.Queue q : Step.Queue.values()) {
            if (q.id().equals(envelope.queue())) {
                return q;
            }
        }
        return Step.Queue.DEFAULT;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
