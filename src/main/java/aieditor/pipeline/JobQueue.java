package aieditor.pipeline;

import org.apache.camel.Exchange;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded transport's queue (SEDA's {@code queue=#jobQueue}): jobs wait per priority, and a free worker
 * takes the oldest job of the most urgent priority that is below its concurrency cap. With every worker busy,
 * high jobs start before default before low; a capped priority never holds a worker while other work waits.
 * A job taken from here counts against its priority's cap until {@link #release} says it finished.
 */
public final class JobQueue extends AbstractQueue<Exchange> implements BlockingQueue<Exchange> {
    private final Map<Step.Queue, ArrayDeque<Exchange>> waiting = new EnumMap<>(Step.Queue.class);
    private final Map<Step.Queue, Integer> running = new EnumMap<>(Step.Queue.class);
    private final Map<Step.Queue, Integer> caps;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /** @param caps jobs of each priority allowed to run at once; 0 or missing means no cap of its own */
    public JobQueue(Map<Step.Queue, Integer> caps) {
        this.caps = new EnumMap<>(Step.Queue.class);
        this.caps.putAll(caps);
        for (Step.Queue q : Step.Queue.values()) {
            waiting.put(q, new ArrayDeque<>());
            running.put(q, 0);
        }
    }

    static Step.Queue queueOf(Exchange e) {
        String id = e.getMessage().getHeader(JobHeaders.QUEUE, String.class);
        for (Step.Queue q : Step.Queue.values()) {
            if (q.id().equals(id)) {
                return q;
            }
        }
        return Step.Queue.DEFAULT;
    }

    @Override
    public boolean offer(Exchange e) {
        lock.lock();
        try {
            waiting.get(queueOf(e)).addLast(e);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Exchange poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            Exchange next;
            while ((next = takeEligible()) == null) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return next;
        } finally {
            lock.unlock();
        }
    }

    private Exchange takeEligible() {
        for (Step.Queue q : Step.Queue.values()) {
            int cap = caps.getOrDefault(q, 0);
            if (!waiting.get(q).isEmpty() && (cap <= 0 || running.get(q) < cap)) {
                running.merge(q, 1, Integer::sum);
                return waiting.get(q).pollFirst();
            }
        }
        return null;
    }

    /** The job taken for this priority has finished: its place under the cap is free again. */
    public void release(String queue) {
        lock.lock();
        try {
            for (Step.Queue q : Step.Queue.values()) {
                if (q.id().equals(queue) && running.get(q) > 0) {
                    running.merge(q, -1, Integer::sum);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Exchange poll() {
        lock.lock();
        try {
            return takeEligible();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Exchange take() throws InterruptedException {
        return poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    @Override
    public void put(Exchange e) {
        offer(e);
    }

    @Override
    public boolean offer(Exchange e, long timeout, TimeUnit unit) {
        return offer(e);
    }

    @Override
    public Exchange peek() {
        lock.lock();
        try {
            return waiting.values().stream().filter(d -> !d.isEmpty()).map(ArrayDeque::peekFirst).findFirst().orElse(null);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot in priority order. */
    @Override
    public Iterator<Exchange> iterator() {
        lock.lock();
        try {
            List<Exchange> all = new ArrayList<>();
            waiting.values().forEach(all::addAll);
            return all.iterator();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int drainTo(Collection<? super Exchange> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super Exchange> c, int max) {
        lock.lock();
        try {
            int n = 0;
            for (ArrayDeque<Exchange> d : waiting.values()) {
                while (n < max && !d.isEmpty()) {
                    c.add(d.pollFirst());
                    n++;
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }
}
