package hub.gateway.tools.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time used so far by a process and all its descendants, read from Linux's /proc (for the load
 * benchmark). A process's own time plus the time of children it has already reaped (cutime, cstime) plus
 * that of its live descendants: PostgreSQL's backends are children of the postmaster, and an exited
 * backend's time moves into the postmaster's cutime when it is reaped, so nothing is lost or counted twice.
 *
 * <p>CPU time per send is the benchmark's cost figure: unlike sends per second it hardly depends on what
 * else the shared machine is doing.
 */
final class ProcessCpu {
    private static final Path PROC = Path.of("/proc");
    /** USER_HZ: Linux reports these times in 1/100 s on every architecture the JDK runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used by the tree rooted at {@code root}, or empty without /proc or the process. */
    static Optional<Long> treeNanos(long root) {
        List<Stat> all = readAll();
        Optional<Stat> rootStat = all.stream().filter(s -> s.pid == root).findFirst();
        if (rootStat.isEmpty()) {
            return Optional.empty();
        }
        long ticks = rootStat.get().ownTicks + rootStat.get().reapedChildrenTicks;
        List<Long> frontier = new ArrayList<>(List.of(root));
        while (!frontier.isEmpty()) {
            long parent = frontier.removeLast();
            for (Stat s : all) {
                if (s.ppid == parent) {
                    // A live child's reaped children are in its cutime, as with the root.
                    ticks += s.ownTicks + s.reapedChildrenTicks;
                    frontier.add(s.pid);
                }
            }
        }
        return Optional.of(ticks * NANOS_PER_TICK);
    }

    /**
     * Nanoseconds of CPU used so far by a JVM's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…" in
     * /proc/PID/task/TID/comm), or 0 when they cannot be read. A run long enough to measure still compiles now
     * and then; that CPU is a cost of starting, not of sending.
     */
    static long jitNanos(long pid) {
        Path tasks = PROC.resolve(Long.toString(pid)).resolve("task");
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        ticks += parse(thread.resolve("stat")).map(Stat::ownTicks).orElse(0L);
                    }
                } catch (IOException e) {
                    // The thread ended while being read.
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** CPU nanoseconds of several process trees, by name, read at one moment. */
    static Map<String, Long> sample(Map<String, Long> roots) {
        Map<String, Long> nanos = new java.util.LinkedHashMap<>();
        roots.forEach((name, pid) -> treeNanos(pid).ifPresent(n -> nanos.put(name, n)));
        return nanos;
    }

    private record Stat(long pid, long ppid, long ownTicks, long reapedChildrenTicks) {
    }

    private static List<Stat> readAll() {
        List<Stat> stats = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return stats;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                parse(entry.resolve("stat")).ifPresent(stats::add);
            }
        } catch (IOException e) {
            return stats;
        }
        return stats;
    }

    /** /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and brackets, so split after the last ')'. */
    private static Optional<Stat> parse(Path statFile) {
        try {
            String line = Files.readString(statFile);
            int close = line.lastIndexOf(')');
            String[] f = line.substring(close + 2).split(" ");
            // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
            long pid = Long.parseLong(line.substring(0, line.indexOf(' ')));
            long ppid = Long.parseLong(f[1]);
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return Optional.of(new Stat(pid, ppid, own, children));
        } catch (IOException | RuntimeException e) {
            // The process ended between listing and reading.
            return Optional.empty();
        }
    }
}
