package dev.archgate.jenkins.mapping;

import java.io.File;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The build's environment as the engine's host reads it on the agent. Jenkins' EnvVars compares names without case on
 * every platform (a TreeMap ordered by String.CASE_INSENSITIVE_ORDER), so {@code withEnv(['docker_host=...'])} keeps
 * the name as written; on a Windows agent the docker CLI and the engine client read it as DOCKER_HOST, as Windows reads
 * every variable, while on Linux a process sees {@code docker_host} apart from {@code DOCKER_HOST}. The host looks names
 * up exactly, so on Windows they are handed over in one case.
 */
public final class AgentEnvironment {
    private AgentEnvironment() {}

    /** The variables for the host on this agent (names in upper case on Windows, where their case means nothing). */
    public static Map<String, String> forHost(Map<String, String> build) {
        return forHost(build, File.pathSeparatorChar == ';');
    }

    /** The variables for the host on an agent that is Windows ({@code windows}) or not. */
    static Map<String, String> forHost(Map<String, String> build, boolean windows) {
        if (!windows) {
            return Map.copyOf(build);
        }
        Map<String, String> upper = new HashMap<>();
        build.forEach((name, value) -> upper.put(name.toUpperCase(Locale.ROOT), value));
        return upper;
    }
}
