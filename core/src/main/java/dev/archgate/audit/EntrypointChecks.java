package dev.archgate.audit;

import dev.archgate.image.FileFacts;
import dev.archgate.image.ImageConfig;
import dev.archgate.image.MergedFilesystem;
import dev.archgate.image.PathNames;
import dev.archgate.image.Resolution;
import dev.archgate.platform.ElfExpectation;
import dev.archgate.platform.Platform;
import dev.archgate.report.Check;
import dev.archgate.report.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Follows what the container would execute first: the entrypoint (or command) through PATH and
 * symlinks, then its ELF loader or its script interpreter, down to an ELF program, and reports
 * the first link of that chain that would fail to exec.
 */
final class EntrypointChecks {
    private static final int MAX_CHAIN = 4;

    private EntrypointChecks() {}

    /**
     * @param visit receives each file of the chain that was reached (the entrypoint, interpreters,
     *     the loader), so other checks know what the container starts
     */
    static List<Finding> check(Platform platform, ImageConfig config, MergedFilesystem fs, Consumer<FileFacts> visit) {
        List<Finding> out = new ArrayList<>();
        List<String> argv = config.argv();
        if (argv.isEmpty()) {
            out.add(Finding.error(Check.ENTRYPOINT_MISSING, null,
                    "the image has neither ENTRYPOINT nor CMD, so a container of it runs nothing: set one in the Dockerfile"));
            return out;
        }
        String command = argv.get(0);
        if (command.contains("/") && !command.startsWith("/")) {
            command = PathNames.child(config.workingDir().isEmpty() ? "/" : config.workingDir(), command);
        }
        Resolution r = fs.which(command, config.path());
        if (!r.found()) {
            out.add(Finding.error(Check.ENTRYPOINT_MISSING, argv.get(0), "the entrypoint cannot be found: " + r.problem()));
            return out;
        }
        follow(platform, config, fs, r.facts(), argv.get(0), 0, out, visit);
        return out;
    }

    private static void follow(Platform platform, ImageConfig config, MergedFilesystem fs, FileFacts f, String shownAs, int depth,
                               List<Finding> out, Consumer<FileFacts> visit) {
        visit.accept(f);
        String name = f.path().equals(shownAs) ? f.path() : shownAs + " (" + f.path() + ")";
        if (f.type() != FileFacts.Type.FILE) {
            out.add(Finding.error(Check.ENTRYPOINT_NOT_EXECUTABLE, f.path(), name + " is a " + f.type().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not a program"));
            return;
        }
        if (depth == 0 && !f.isExecutable()) {
            out.add(Finding.error(Check.ENTRYPOINT_NOT_EXECUTABLE, f.path(), name + " has mode " + Integer.toOctalString(f.mode() & 07777)
                    + ", without an exec bit: the runtime refuses it (permission denied); chmod +x it (COPY --chmod=755)"));
            return;
        }
        if (f.isElf()) {
            loader(platform, fs, f, name, out, visit);
            return;
        }
        if (f.shebang() != null) {
            interpreter(platform, config, fs, f, name, depth, out, visit);
            return;
        }
        String what = f.text() ? "is a script without a #! line" : "is neither an ELF program nor a script";
        out.add(Finding.error(Check.ENTRYPOINT_NO_SHEBANG, f.path(), name + " " + what
                + ": the kernel cannot execute it (exec format error); start it with #!/bin/sh or run it through a shell"));
    }

    private static void loader(Platform platform, MergedFilesystem fs, FileFacts program, String name, List<Finding> out,
                               Consumer<FileFacts> visit) {
        String interp = program.elf().interpreter();
        if (interp == null) {
            return;
        }
        Resolution loader = fs.resolve(interp);
        if (!loader.found()) {
            out.add(Finding.error(Check.INTERPRETER_MISSING, program.path(), name + " is dynamically linked and needs the loader " + interp
                    + ", but " + loader.problem() + ": add the C library of " + platform + " to the image, or link the program statically"));
            return;
        }
        FileFacts l = loader.facts();
        visit.accept(l);
        if (l.isElf()) {
            ElfExpectation.of(platform).judge(l.elf(), platform).ifPresent(m -> out.add(Finding.error(Check.ELF_ARCH_MISMATCH, l.path(),
                    "the loader " + interp + " of " + name + " is " + m.description())));
        }
    }

    private static void interpreter(Platform platform, ImageConfig config, MergedFilesystem fs, FileFacts script, String name, int depth,
                                    List<Finding> out, Consumer<FileFacts> visit) {
        String line = script.shebang().substring(2);
        if (line.endsWith("\r")) {
            String shown = line.strip();
            out.add(Finding.error(Check.INTERPRETER_MISSING, script.path(), name + " has Windows (CRLF) line ends, so its interpreter is '"
                    + shown + "\\r', which does not exist (no such file or directory): convert it to LF line ends (dos2unix)"));
            return;
        }
        List<String> words = Arrays.stream(line.strip().split("[ \t]+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            out.add(Finding.error(Check.INTERPRETER_MISSING, script.path(), name + " starts with '#!' but names no interpreter"));
            return;
        }
        if (depth >= MAX_CHAIN) {
            return;
        }
        String interp = words.get(0);
        Resolution r = fs.resolve(interp);
        if (r.found() && PathNames.baseName(interp).equals("env") && words.size() > 1) {
            String command = words.get(1).equals("-S") && words.size() > 2 ? words.get(2) : words.get(1);
            Resolution viaEnv = fs.which(command, config.path());
            if (!viaEnv.found()) {
                out.add(Finding.error(Check.INTERPRETER_MISSING, script.path(), name + " runs '" + command + "' through " + interp + ", but "
                        + viaEnv.problem() + ": install it in the image"));
                return;
            }
            follow(platform, config, fs, viaEnv.facts(), command, depth + 1, out, visit);
            return;
        }
        if (!r.found()) {
            out.add(Finding.error(Check.INTERPRETER_MISSING, script.path(), name + " needs the interpreter " + interp + ", but "
                    + r.problem() + ": install it in the image or change the #! line"));
            return;
        }
        follow(platform, config, fs, r.facts(), interp, depth + 1, out, visit);
    }
}
