package io.peyk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** What the benchmarks read about the machine and their processes: load average, busy CPU time, CPU per process. */
final class MachineStats {

    /** USER_HZ: one jiffy of {@code /proc/stat} is 10 ms. */
    static final long NANOS_PER_JIFFY = 10_000_000L;

    private MachineStats() {
    }

    /** The 1-, 5- and 15-minute load averages as {@code /proc/loadavg} gives them, e.g. {@code 1.52 0.98 0.77}. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Busy jiffies of all CPUs since boot (user + nice + system + irq + softirq + steal). */
    static long machineBusyJiffies() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
        long[] f = Arrays.stream(cpu.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
        return f[0] + f[1] + f[2] + f[5] + f[6] + (f.length > 7 ? f[7] : 0);
    }

    /** CPU time of this JVM (all threads, user + system). */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of another process (10 ms resolution). */
    static long cpuNanos(ProcessHandle handle) {
        return handle.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /**
     * CPU time of a process and its live descendants (10 ms resolution); descendants that have exited are not counted.
     */
    static long treeCpuNanos(ProcessHandle root) {
        return cpuNanos(root) + root.descendants().mapToLong(MachineStats::cpuNanos).sum();
    }

    /** The soft limit on open files of a process, from {@code /proc/<pid>/limits}; -1 when unreadable or unlimited. */
    static long openFilesLimit(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? -1 : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Open file descriptors of a process; -1 when unreadable. */
    static int openFiles(long pid) {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Resident set size of a process in KiB ({@code VmRSS} of {@code /proc/<pid>/status}); -1 when unreadable. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
