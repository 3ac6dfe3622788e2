package dev.archgate.spec;

import dev.archgate.ArchgateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How an adapter's settings become the spec of a run, the same for the CLI, the Action and the Jenkins plugin (as
 * jib's plugins share one RawConfiguration processor): which archgate.yml is read, the adapter's settings over it
 * ({@link SpecOverrides}, which also refuses build settings beside an image), what a run needs and none gave
 * ("nothing to gate", "no platforms"), and the settings an adapter takes as text ({@code KEY=VALUE} items, smoke-mode
 * names). An adapter names its settings in its own words (a flag, an input, a parameter), keyed by archgate.yml's
 * key ({@code image}, {@code build.context}, {@code platforms}, {@code config}, ...), so every message names what the
 * user wrote; a key without a name is named as archgate.yml names it.
 */
public final class SpecAssembler {
    /** The file read when none is named, at the adapter's base directory (the working directory, the workspace). */
    public static final String DEFAULT_CONFIG = "archgate.yml";

    private final Map<String, String> names;

    public SpecAssembler(Map<String, String> names) {
        this.names = Map.copyOf(names);
    }

    /** The adapter's name for archgate.yml's {@code key}. */
    public String name(String key) {
        return names.getOrDefault(key, key);
    }

    /** The overrides builder, naming the settings as this adapter does. */
    public SpecOverrides.Builder overrides() {
        return SpecOverrides.builder().settingNames(names);
    }

    /**
     * archgate.yml of a run: {@code given} (relative to {@code base}), which must exist; without one,
     * {@code base/archgate.yml} when there is one; else none (null).
     */
    public Path config(Path base, String given) {
        if (given == null || given.isBlank()) {
            Path usual = base.resolve(DEFAULT_CONFIG);
            return Files.isRegularFile(usual) ? usual : null;
        }
        Path file = base.resolve(given).normalize();
        if (!Files.isRegularFile(file)) {
            throw ArchgateException.usage("the config file " + given + " does not exist (" + file + "): fix " + name("config")
                    + " (relative paths start at " + base.toAbsolutePath() + ") or create the file");
        }
        return file;
    }

    /** The draft of a run: {@code config} read (none: an empty draft), {@code environment} answering its {@code ${VAR}}, the settings over it. */
    public SpecDraft draft(Path config, UnaryOperator<String> environment, SpecOverrides settings) {
        return settings.applyTo(config == null ? SpecDraft.empty() : new SpecLoader(environment).load(config));
    }

    /** The spec of a finished draft; a draft with nothing to gate or no platforms is refused, naming this adapter's settings. */
    public GateSpec spec(SpecDraft d) {
        if (d.build() == null && d.image() == null) {
            throw ArchgateException.usage("nothing to gate: give " + name("image") + " (an image to gate) or " + name("build.context")
                    + " (a directory to build), or build: or image: in archgate.yml");
        }
        if (d.platforms() == null) {
            throw ArchgateException.usage("no platforms: give " + name("platforms") + " (e.g. linux/amd64,linux/arm64) or platforms: in archgate.yml");
        }
        return d.toSpec();
    }

    /**
     * Items written {@code KEY=VALUE} ({@code form} says how, e.g. {@code CHECK-ID=LEVEL}) as a map in their order: the
     * key trimmed, the value as written; an item without a key before its '=' is refused naming the setting.
     */
    public Map<String, String> pairs(List<String> items, String key, String form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0 || item.substring(0, eq).isBlank()) {
                throw ArchgateException.usage(name(key) + " has '" + item + "': write each item as " + form);
            }
            out.put(item.substring(0, eq).trim(), item.substring(eq + 1));
        }
        return out;
    }
}
