package dev.archgate.jenkins.mapping;

import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SmokeTestSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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

    /** The engine's smoke test, validated by the engine as archgate.yml's entries are; {@code index} names the entry in errors. */
    public SmokeTest toSmokeTest(int index) {
        return SmokeTestSettings.flat(index).name(name).mode(mode).command(command).exitCode(exitCode).stdout(stdout).stderr(stderr)
                .timeout(timeout).ready(ready).toSmokeTest();
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
