package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.StorageUnavailableException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Group commit on one node: the items that arrive while a call is in flight go together into the next call — one
 * statement, one transaction, one WAL flush for all of them — and each caller gets its own answer once the call that
 * held its item has committed. A lone item is never delayed waiting for company: with no call in flight, its caller
 * makes the call at once (grouped while busy, not by a timer). Whoever finds no call in flight makes the next one, with
 * everything waiting then, in arrival order; the others wait for it on a condition, which costs a virtual thread
 * nothing.
 *
 * <p>A call that fails for want of the database fails every item of it (each caller answers 503). A statement the
 * database refused (one item breaking a constraint) committed nothing: it is made again item by item, so that one bad
 * item fails alone.
 *
 * @param <I> what is asked
 * @param <O> what is answered, one per item, in the same order
 */
final class GroupedCalls<I, O> {
    private final Function<List<I>, List<O>> call;
    private final int largestGroup;
    private final IntConsumer groupSizes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition callEnded = lock.newCondition();
    private final ArrayDeque<Waiting<I, O>> waiting = new ArrayDeque<>();
    private boolean inFlight;

    /**
     * @param call         makes one call for a group of items; answers one result per item, in order
     * @param largestGroup the most items one call takes (the rest go into the next one)
     * @param groupSizes   told the size of every group called (a metric)
     */
    GroupedCalls(Function<List<I>, List<O>> call, int largestGroup, IntConsumer groupSizes) {
        this.call = Objects.requireNonNull(call);
        this.largestGroup = largestGroup;
        this.groupSizes = Objects.requireNonNull(groupSizes);
        if (largestGroup < 1) {
            throw new IllegalArgumentException("a group holds at least one item");
        }
    }

    private static final class Waiting<I, O> {
        final I item;
        boolean done;
        O result;
        RuntimeException failure;

        Waiting(I item) {
            this.item = item;
        }
    }

    /** How many items wait for the next call (tests look at this). */
    int waitingCount() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** The item's answer, once the call that held it has committed. */
    O call(I item) {
        Waiting<I, O> mine = new Waiting<>(item);
        lock.lock();
        try {
            waiting.add(mine);
            while (!mine.done) {
                if (inFlight) {
                    callEnded.awaitUninterruptibly();
                    continue;
                }
                inFlight = true;
                List<Waiting<I, O>> group = new ArrayList<>(Math.min(waiting.size(), largestGroup));
                while (!waiting.isEmpty() && group.size() < largestGroup) {
                    group.add(waiting.poll());
                }
                lock.unlock();
                try {
                    run(group);
                } finally {
                    lock.lock();
                    inFlight = false;
                    callEnded.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Outside the lock: the call, and every answer of the group set before anyone is woken. */
    private void run(List<Waiting<I, O>> group) {
        groupSizes.accept(group.size());
        List<I> items = new ArrayList<>(group.size());
        group.forEach(w -> items.add(w.item));
        List<O> results;
        try {
            results = call.apply(items);
        } catch (RuntimeException e) {
            if (group.size() > 1 && refusedByTheDatabase(e)) {
                // The statement was refused, so nothing of it was committed: each item again on its own.
                group.forEach(this::runAlone);
            } else {
                group.forEach(w -> fail(w, e));
            }
            return;
        }
        answer(group, results);
    }

    private void runAlone(Waiting<I, O> one) {
        try {
            answer(List.of(one), call.apply(List.of(one.item)));
        } catch (RuntimeException e) {
            fail(one, e);
        }
    }

    /**
     * A statement the database refused (an error it raised: a constraint, bad data), as opposed to one it never
     * received or answered (unavailable) or our own code failing after it answered: only the first leaves nothing
     * committed for certain, and may be made again item by item.
     */
    private static boolean refusedByTheDatabase(RuntimeException failure) {
        if (failure instanceof StorageUnavailableException) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && !sql.getSQLState().startsWith("08") && !sql.getSQLState().startsWith("57")) {
                return true;
            }
        }
        return false;
    }

    private static <I, O> void answer(List<Waiting<I, O>> group, List<O> results) {
        if (results.size() != group.size()) {
            throw new IllegalStateException("a grouped call answered " + results.size() + " of " + group.size() + " items");
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result = results.get(i);
            group.get(i).done = true;
        }
    }

    private static <I, O> void fail(Waiting<I, O> waiting, RuntimeException failure) {
        waiting.failure = failure;
        waiting.done = true;
    }
}
