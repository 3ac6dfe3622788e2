package dev.archgate.jenkins.mapping;

import dev.archgate.spec.Durations;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One smoke test as the step and the builder take it: archgate.yml's smoke entry with {@code expect:} flattened
 * ({@code exitCode}, {@code stdout}, {@code stderr}), so a Jenkinsfile writes
 * {@code [name: 'version', command: ['/app', '--version'], stdout: '^app ']}. Null means "not given".
 */
public final class SmokeParameters implements Serializable {
    private static final long serialVersionUID = 1L;

    private String name;
    private String mode;
    private ArrayList<String> command = new ArrayList<>(); // an ArrayList: XStream stores it in config.xml
    private Integer exitCode;
    private String stdout;
    private String stderr;
    private String timeout;
    private String ready;

    /** The engine's smoke test, validated as archgate.yml's loader validates it; {@code index} names the entry in errors. */
    public SmokeTest toSmokeTest(int index) {
        String where = "smoke[" + index + "]";
        SmokeTest.Mode parsedMode = switch (mode == null ? "command" : mode.toLowerCase(Locale.ROOT)) {
            case "command" -> SmokeTest.Mode.COMMAND;
            case "service" -> SmokeTest.Mode.SERVICE;
            case "start" -> SmokeTest.Mode.START;
            default -> throw new SpecException(where + ".mode is '" + mode + "': use command, service or start");
        };
        if (exitCode != null && (exitCode < 0 || exitCode > 255)) {
            throw new SpecException(where + ".exitCode is '" + exitCode + "': use a whole number from 0 to 255");
        }
        return new SmokeTest(name == null || name.isBlank() ? "test-" + (index + 1) : name, parsedMode, command,
                exitCode == null ? 0 : exitCode, regex(stdout, where + ".stdout"), regex(stderr, where + ".stderr"),
                duration(timeout, where + ".timeout", SmokeTest.DEFAULT_TIMEOUT), duration(ready, where + ".ready", SmokeTest.DEFAULT_READY));
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
            throw new SpecException(key + " is not a valid regular expression ('" + pattern + "'): " + e.getDescription());
        }
        return pattern;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = blankToNull(mode);
    }

    public List<String> getCommand() {
        return Collections.unmodifiableList(command);
    }

    /** The arguments; one value holding line breaks is one argument per line (what a freestyle form's text area sends). */
    public void setCommand(List<String> command) {
        this.command = Lines.items(command);
    }

    public Integer getExitCode() {
        return exitCode;
    }

    public void setExitCode(Integer exitCode) {
        this.exitCode = exitCode;
    }

    public String getStdout() {
        return stdout;
    }

    public void setStdout(String stdout) {
        this.stdout = blankToNull(stdout);
    }

    public String getStderr() {
        return stderr;
    }

    public void setStderr(String stderr) {
        this.stderr = blankToNull(stderr);
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = blankToNull(timeout);
    }

    public String getReady() {
        return ready;
    }

    public void setReady(String ready) {
        this.ready = blankToNull(ready);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
