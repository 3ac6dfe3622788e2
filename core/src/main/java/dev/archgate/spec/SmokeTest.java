package dev.archgate.spec;

import dev.archgate.ArchgateException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One smoke test run on every platform. In command mode the container runs {@code command} (empty:
 * the image's own entrypoint and command) and must exit with {@code exitCode} and print output
 * matching the patterns (empty: anything). In service mode the entrypoint must still be running
 * after {@code ready}. In start mode, the default when a spec names no test, it must either exit
 * with {@code exitCode} or still be running after {@code ready}: that proves the entrypoint starts
 * on the platform without knowing whether the image is a tool or a server.
 */
public record SmokeTest(String name, Mode mode, List<String> command, int exitCode, String stdout, String stderr,
                        Duration timeout, Duration ready) implements Serializable {
    public enum Mode {
        COMMAND, SERVICE, START;

        /**
         * The mode a setting names: archgate.yml's {@code command}, {@code service} or {@code start}, in any case, and
         * {@code run}, the Action's name for command since its first release; {@code key} names the setting in the error.
         */
        public static Mode named(String text, String key) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "command", "run" -> COMMAND;
                case "service" -> SERVICE;
                case "start" -> START;
                default -> throw ArchgateException.usage(key + " is '" + text + "': use command, service or start");
            };
        }
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_READY = Duration.ofSeconds(5);

    public SmokeTest {
        command = List.copyOf(command);
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /** The test run when a spec names none: the image's entrypoint must start. */
    public static SmokeTest starts() {
        return new SmokeTest("starts", Mode.START, List.of(), 0, "", "", DEFAULT_TIMEOUT, DEFAULT_READY);
    }
}
