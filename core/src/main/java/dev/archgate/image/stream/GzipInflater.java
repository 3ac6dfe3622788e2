package dev.archgate.image.stream;

import dev.archgate.ArchgateException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What decompresses gzip layers. ISA-L's {@code igzip} inflates about four times as fast as the
 * JDK's zlib here, {@code unpigz} about 1.3 times, and decompression sets the pace of an audit, so
 * a host that has one of them uses it as a child process, the way containerd runs {@code unpigz}
 * when it is installed; the JDK's inflater is the fallback. {@value #VARIABLE} (jdk, igzip,
 * unpigz) forces one, for users and for tests.
 */
public enum GzipInflater {
    JDK(null, null),
    IGZIP("igzip", "isal"),
    UNPIGZ("unpigz", "pigz");

    /** The environment variable that forces one inflater. */
    public static final String VARIABLE = "ARCHGATE_INFLATER";

    /** The compressed size from which a chosen (not forced) tool inflates a layer. */
    static final long CHILD_FROM_BYTES = 2L << 20;

    private final String program;
    private final String debianPackage;

    GzipInflater(String program, String debianPackage) {
        this.program = program;
        this.debianPackage = debianPackage;
    }

    /**
     * The inflater {@value #VARIABLE} names in {@code environment}, or else the fastest one on its
     * PATH. Chosen once per host, before any layer is read, so a misspelt value stops the run at once.
     *
     * @throws ArchgateException (usage) for a value that names no inflater, (environment) for a forced
     *     tool that is not installed
     */
    public static Choice choice(java.util.Map<String, String> environment) {
        String setting = environment.get(VARIABLE);
        return new Choice(choose(setting, environment.get("PATH")), setting != null && !setting.isBlank());
    }

    /** The inflater of a run, and whether {@value #VARIABLE} forced it. */
    public record Choice(GzipInflater inflater, boolean forced) {
        /**
         * What inflates a gzip layer of {@code compressedSize} bytes (-1 when unknown): the chosen
         * inflater, except that a layer under {@value #CHILD_FROM_BYTES} bytes stays in the JDK
         * unless a tool is forced: starting a process costs more than a small layer takes to
         * inflate (2,000 small layers took five times as long).
         */
        public GzipInflater forLayer(long compressedSize) {
            return !forced && compressedSize >= 0 && compressedSize < CHILD_FROM_BYTES ? JDK : inflater;
        }
    }

    static GzipInflater choose(String setting, String searchPath) {
        if (setting == null || setting.isBlank()) {
            for (GzipInflater tool : List.of(IGZIP, UNPIGZ)) {
                if (tool.find(searchPath).isPresent()) {
                    return tool;
                }
            }
            return JDK;
        }
        GzipInflater forced;
        try {
            forced = valueOf(setting.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ArchgateException(VARIABLE + "=" + setting + " names no gzip inflater archgate knows: set it to jdk, igzip or unpigz, "
                    + "or unset it to use the fastest one installed", ArchgateException.Kind.USAGE);
        }
        if (forced != JDK && forced.find(searchPath).isEmpty()) {
            throw new ArchgateException(VARIABLE + "=" + setting + " asks for " + forced.program + ", which is not on the PATH: install it "
                    + "(apt-get install " + forced.debianPackage + ") or unset " + VARIABLE, ArchgateException.Kind.ENVIRONMENT);
        }
        return forced;
    }

    /** The command that reads gzip on its stdin and writes what it holds to its stdout; empty for the JDK. */
    Optional<List<String>> command() {
        return program == null ? Optional.empty() : Optional.of(List.of(program, "-dc"));
    }

    private Optional<Path> find(String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
