package dev.archgate.spec;

import dev.archgate.ArchgateException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One smoke test as an adapter or archgate.yml writes it, each part as text (null: not given), and the validation
 * that makes it a {@link SmokeTest}: the mode's name, the exit code's range, the patterns and the durations, each
 * error naming the part by its key. archgate.yml's loader and the Jenkins step's smoke entries both build tests
 * here, so an entry means the same and is refused the same wherever it is written.
 */
public final class SmokeTestSettings {
    private final int index;
    private final String where;
    private final String expectPrefix;
    private String name;
    private String mode;
    private List<String> command = List.of();
    private Integer exitCode;
    private String stdout;
    private String stderr;
    private String timeout;
    private String ready;

    private SmokeTestSettings(int index, String expectPrefix) {
        this.index = index;
        this.where = "smoke[" + index + "]";
        this.expectPrefix = where + expectPrefix;
    }

    /** Entry {@code index} of archgate.yml's {@code smoke:}, its expectations under {@code expect:}. */
    public static SmokeTestSettings ofFile(int index) {
        return new SmokeTestSettings(index, ".expect.");
    }

    /** Entry {@code index} of a list whose expectations sit beside the command (the Jenkins step's {@code smoke:}). */
    public static SmokeTestSettings flat(int index) {
        return new SmokeTestSettings(index, ".");
    }

    /** The test's name; none (or blank): {@code test-N}, N counting from 1. */
    public SmokeTestSettings name(String v) {
        name = v;
        return this;
    }

    /** {@code command}, {@code service} or {@code start} (see {@link SmokeTest.Mode#named}); none: command. */
    public SmokeTestSettings mode(String v) {
        mode = v;
        return this;
    }

    public SmokeTestSettings command(List<String> v) {
        command = List.copyOf(v);
        return this;
    }

    public SmokeTestSettings exitCode(Integer v) {
        exitCode = v;
        return this;
    }

    public SmokeTestSettings stdout(String v) {
        stdout = v;
        return this;
    }

    public SmokeTestSettings stderr(String v) {
        stderr = v;
        return this;
    }

    public SmokeTestSettings timeout(String v) {
        timeout = v;
        return this;
    }

    public SmokeTestSettings ready(String v) {
        ready = v;
        return this;
    }

    /** The name this entry gets: its own, else {@code test-N}. */
    public String effectiveName() {
        return name == null || name.isBlank() ? "test-" + (index + 1) : name;
    }

    /** The test, or a {@link ArchgateException} naming the part that is wrong and how to write it. */
    public SmokeTest toSmokeTest() {
        SmokeTest.Mode parsedMode = mode == null || mode.isBlank() ? SmokeTest.Mode.COMMAND : SmokeTest.Mode.named(mode, where + ".mode");
        if (exitCode != null && (exitCode < 0 || exitCode > 255)) {
            throw ArchgateException.usage(expectPrefix + "exitCode is '" + exitCode + "': use a whole number from 0 to 255");
        }
        return new SmokeTest(effectiveName(), parsedMode, command, exitCode == null ? 0 : exitCode, regex(stdout, expectPrefix + "stdout"),
                regex(stderr, expectPrefix + "stderr"), duration(timeout, where + ".timeout", SmokeTest.DEFAULT_TIMEOUT),
                duration(ready, where + ".ready", SmokeTest.DEFAULT_READY));
    }

    private static Duration duration(String text, String key, Duration fallback) {
        return text == null || text.isBlank() ? fallback : Durations.parse(text, key);
    }

    private static String regex(String pattern, String key) {
        if (pattern == null || pattern.isEmpty()) {
            return "";
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw ArchgateException.usage(key + " is not a valid regular expression ('" + pattern + "'): " + e.getDescription());
        }
        return pattern;
    }
}
