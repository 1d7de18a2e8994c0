package dev.livedesk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time from {@code /proc}, in clock ticks: a process's, its threads' by name, and the machine's PostgreSQL
 * processes'. The thread view tells which part of the server used the CPU (the assistant, the event loops, the JIT
 * compilers), which a process total hides: a server whose assistant falls behind looks no busier than one that keeps
 * up, while the assistant takes what the streams needed.
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** User plus system CPU of a process (or of one thread, given its task directory). */
    static long ticks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** User plus system CPU of a process. */
    static long ticks(long pid) throws IOException {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /**
     * The CPU of the process's live threads by name, with a trailing number dropped so that a pool's threads add up
     * (Linux keeps the first 15 characters of a name: {@code livedesk-assist}, {@code C2 CompilerThre}).
     */
    static Map<String, Long> byThread(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[-_ #]?\\d+$", "");
                    ticks.merge(name, ticks(task.resolve("stat")), Long::sum);
                } catch (NoSuchFileException ended) {
                    // the thread ended between listing and reading; its time is no longer counted anywhere
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /** The sum of a reading by name, e.g. all of PostgreSQL's processes. */
    static long total(Map<String, Long> ticks) {
        return ticks.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The CPU of the machine's PostgreSQL processes (the benchmark's embedded server, if any) by role, from the
     * title each sets ({@code postgres: walwriter}): the connections' backends together, each background process by
     * name, the server itself as "postmaster". A statement's share shows in {@code pg_stat_statements}; this shows
     * what no statement pays for.
     */
    static Map<String, Long> postgresByRole() {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).strip().equals("postgres")) {
                        String title = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
                        ticks.merge(role(title), ticks(process.resolve("stat")), Long::sum);
                    }
                } catch (NoSuchFileException ended) {
                    // a backend that ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    private static String role(String title) {
        if (!title.startsWith("postgres: ")) {
            return "postmaster";
        }
        String[] words = title.substring("postgres: ".length()).strip().split("\\s+");
        if (words.length > 2 && words[2].contains("(")) {
            return "backends";
        }
        return Arrays.stream(words).takeWhile(word -> word.matches("[a-z]+")).collect(Collectors.joining(" "));
    }

    /** The threads that used the most CPU between the two readings, as "name seconds", most first. */
    static String busiest(Map<String, Long> before, Map<String, Long> after, int limit, double ticksPerSecond) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(limit)
                .map(e -> String.format("%s %.2f s", e.getKey(), e.getValue() / ticksPerSecond))
                .collect(Collectors.joining(", "));
    }
}
