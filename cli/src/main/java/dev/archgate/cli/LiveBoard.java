package dev.archgate.cli;

import dev.archgate.findings.PlatformReport;
import dev.archgate.gate.ProgressLines;
import dev.archgate.platform.Platform;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the terminal view shows, as a model apart from any terminal: one header line (the gate's time and the build's
 * progress summarised: steps started and the latest one) and one line per platform (its stage, how long it has been
 * at work, and what it is doing or how it ended). It reads the gate's own events: the log lines core's build stage
 * writes from BuildKit's progress ({@code # NAME} when a step starts, {@code # NAME: ERROR: ...} when it fails,
 * two-space-indented step output, a vertex name {@code [linux/arm64 build 2/4] RUN ...} or, cross-compiled,
 * {@code [linux/amd64->arm64 ...]} naming its platform), {@code platformStarted} and {@code platformFinished}.
 * BuildKit's output is folded; only a failed step brings it out, as lines to keep above the view. Not thread-safe:
 * {@link LiveView} calls it under its lock.
 */
final class LiveBoard {
    /** How many of the build's latest output lines a failed step shows. */
    static final int FAILED_OUTPUT_LINES = 20;
    private static final Pattern STEP = Pattern.compile("^# (\\[([^\\]]*)] (.*))$");
    private static final Pattern STEP_ERROR = Pattern.compile("^# (.*): ERROR: (.*)$");

    private final long start;
    private final Map<Platform, Row> rows = new LinkedHashMap<>();
    private final Deque<String> output = new ArrayDeque<>();
    private int steps;
    private String latestStep = "";
    private String phase = "starting";

    private static final class Row {
        String stage = "waiting";
        String detail = "";
        long since = -1;
        long ended = -1;
    }

    LiveBoard(List<Platform> platforms, long startNanos) {
        this.start = startNanos;
        platforms.forEach(p -> rows.put(p, new Row()));
    }

    /**
     * Takes one log line of the gate.
     *
     * @return the lines to keep above the view: what is not build progress (warnings, promotion, interruption), and a
     *     failed step with the build's latest output
     */
    List<String> log(String line, long now) {
        Matcher error = STEP_ERROR.matcher(line);
        if (error.matches()) {
            List<String> keep = new ArrayList<>();
            keep.add("failed: " + error.group(1));
            keep.addAll(output);
            keep.add("  ERROR: " + error.group(2));
            output.clear();
            return keep;
        }
        Matcher step = STEP.matcher(line.replaceAll("\\s+", " ")); // BuildKit keeps a RUN's continued lines' indentation
        if (step.matches()) {
            steps++;
            latestStep = step.group(1);
            Row row = rowOf(step.group(2));
            if (row != null) {
                String[] words = step.group(2).split(" ", 2); // the stage and step count after the platform
                enter(row, "building", (words.length > 1 ? words[1] + " " : "") + step.group(3), now);
            }
            return List.of();
        }
        if (line.startsWith("# ")) {
            steps++;
            latestStep = line.substring(2).replaceAll("\\s+", " ");
            return List.of();
        }
        if (line.startsWith("  ")) {
            output.addLast(line);
            if (output.size() > FAILED_OUTPUT_LINES) {
                output.removeFirst();
            }
            return List.of();
        }
        if (line.startsWith("building ")) {
            phase = "build";
            rows.values().forEach(r -> enter(r, "building", "", now));
            return List.of();
        }
        if (line.startsWith("resolving ")) {
            phase = line;
            rows.values().stream().filter(r -> r.stage.equals("waiting") || r.stage.equals("building"))
                    .forEach(r -> enter(r, "resolving", "", now));
            return List.of();
        }
        return List.of(line);
    }

    void started(Platform platform, long now) {
        Row row = rows.computeIfAbsent(platform, p -> new Row());
        phase = "checks";
        enter(row, "checking", "static audit and smoke runs", now);
    }

    void finished(PlatformReport report, long now) {
        Row row = rows.computeIfAbsent(report.platform(), p -> new Row());
        row.stage = report.verdict().id().toUpperCase(Locale.ROOT);
        row.detail = ProgressLines.result(report).substring(row.stage.length()).replaceFirst("^,? ", "");
        row.since = row.since < 0 ? now : row.since;
        row.ended = now;
    }

    /** The view at {@code now}, each line cut to {@code width} columns so that none wraps (a wrapped line would break the redraw). */
    List<String> lines(long now, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder header = new StringBuilder("[+] archgate gate ").append(seconds(now - start));
        long done = rows.values().stream().filter(r -> r.ended >= 0).count();
        if (phase.equals("checks")) {
            header.append("  checks: ").append(done).append('/').append(rows.size()).append(" platforms done");
        } else if (phase.startsWith("resolving ")) {
            header.append("  ").append(phase);
        } else if (steps > 0) {
            header.append("  build: ").append(steps).append(steps == 1 ? " step" : " steps").append(", latest ").append(latestStep);
        }
        out.add(cut(header.toString(), width));
        int nameWidth = rows.keySet().stream().mapToInt(p -> p.toString().length()).max().orElse(0);
        rows.forEach((platform, row) -> {
            String elapsed = row.since < 0 ? "" : seconds((row.ended >= 0 ? row.ended : now) - row.since);
            String line = String.format(Locale.ROOT, " => %-" + nameWidth + "s  %-9s %6s  %s", platform, row.stage, elapsed, row.detail);
            out.add(cut(line.stripTrailing(), width));
        });
        return out;
    }

    private static void enter(Row row, String stage, String detail, long now) {
        if (row.ended >= 0) {
            return;
        }
        row.stage = stage;
        row.detail = detail;
        row.since = row.since < 0 ? now : row.since;
    }

    /** The row of the platform a step's prefix names: {@code linux/arm64}, or the target of {@code linux/amd64->arm64}. */
    private Row rowOf(String prefix) {
        String first = prefix.split(" ", 2)[0];
        int arrow = first.indexOf("->");
        String name = arrow < 0 ? first : first.substring(0, first.indexOf('/') + 1) + first.substring(arrow + 2);
        for (Map.Entry<Platform, Row> e : rows.entrySet()) {
            if (e.getKey().toString().equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    private static String cut(String line, int width) {
        return line.length() < width ? line : line.substring(0, Math.max(0, width - 4)) + "...";
    }
}
