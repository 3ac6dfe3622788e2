package dev.archgate.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a long-lived JVM (a Jenkins agent) holds, counted by the JVM and by Linux: live threads, open file descriptors
 * (/proc/self/fd), the Unix-domain sockets among them (the engine's connections: /proc/self/net/unix lists every Unix
 * socket of the network namespace by inode, an fd's link names its inode), and JVM shutdown hooks.
 */
public final class ProcessResources {
    private ProcessResources() {}

    /** Live threads, after a pause in which the threads of a pool closed just before end. */
    public static int threads() throws InterruptedException {
        Thread.sleep(500);
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** The live threads by name (numbers folded), to tell which kind piles up. */
    public static Map<String, Long> threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .collect(Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "N"), TreeMap::new, Collectors.counting()));
    }

    /** Open file descriptors of this process (engine sockets, registry connections and files alike). */
    public static long descriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /**
     * What the open file descriptors point at, by kind (a socket's or pipe's inode folded away, a file by its path), to
     * tell which kind piles up: a leaked QEMU tar showed as /usr/bin/qemu-aarch64-static.
     */
    public static Map<String, Long> descriptorTargets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(ProcessResources::link).map(l -> l.replaceAll(":\\[\\d+]$", ""))
                    .collect(Collectors.groupingBy(l -> l, TreeMap::new, Collectors.counting()));
        }
    }

    /** Open Unix-domain sockets of this process: its connections to the engine's socket (nothing else here opens one). */
    public static long unixSockets() throws IOException {
        Set<String> unix = new HashSet<>();
        List<String> table = Files.readAllLines(Path.of("/proc/self/net/unix"));
        for (String line : table.subList(1, table.size())) {
            unix.add(line.trim().split("\\s+")[6]); // Num RefCount Protocol Flags Type St Inode [Path]
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(ProcessResources::link).filter(l -> l.startsWith("socket:["))
                    .filter(l -> unix.contains(l.substring("socket:[".length(), l.length() - 1))).count();
        }
    }

    /**
     * JVM shutdown hooks registered so far: java.lang.ApplicationShutdownHooks.hooks, the JDK's own registry of
     * Runtime.addShutdownHook (the JVM must run with --add-opens java.base/java.lang=ALL-UNNAMED).
     */
    public static int shutdownHooks() {
        try {
            Class<?> hooks = Class.forName("java.lang.ApplicationShutdownHooks");
            var field = hooks.getDeclaredField("hooks");
            field.setAccessible(true);
            synchronized (hooks) {
                return ((Map<?, ?>) field.get(null)).size();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AssertionError("cannot count the JVM's shutdown hooks (run with --add-opens java.base/java.lang=ALL-UNNAMED)", e);
        }
    }

    private static String link(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // closed between the listing and the read
        }
    }
}
