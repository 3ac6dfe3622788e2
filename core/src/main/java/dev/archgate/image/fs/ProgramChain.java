package dev.archgate.image.fs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the runtime executes for one command line, resolved once from the image's files so that
 * the static audit and the strict launch judge the same programs. It follows what runc and the
 * kernel do: argv[0] as an absolute path, relative to WORKDIR when it holds a slash, or through
 * the image's PATH; symlinks inside the image root; a script's {@code #!} interpreter (the rest
 * of the line is one argument, as the kernel passes it), {@code /usr/bin/env NAME} and
 * {@code /usr/bin/env -S NAME ARGS} through PATH; and an ELF program's loader.
 *
 * <p>A chain is either whole, ending in an ELF program with the argument vector that program
 * receives, or broken: by a fault of the image that makes the exec itself fail (nothing runs),
 * or because archgate cannot tell what would run ({@link Break#UNRESOLVED}).
 */
public final class ProgramChain {
    /** The kernel follows at most four interpreters (BINPRM_MAX_RECURSION) before it gives up with ELOOP. */
    static final int MAX_INTERPRETERS = 4;

    /** What a link of the chain is to the one before it. */
    public enum Role { PROGRAM, INTERPRETER, ENV_TARGET, LOADER }

    /**
     * One file the exec goes through.
     *
     * @param name the path it is started by (busybox picks its applet by that name), or the loader's path
     */
    public record Link(Role role, String name, FileFacts file) {}

    /** Why a chain ends before an ELF program. */
    public enum Break {
        /** Neither ENTRYPOINT nor CMD, nor a command given. */
        NO_COMMAND,
        /** argv[0] is not there. */
        MISSING,
        /** It is a directory, device or other non-file, or has no exec bit. */
        NOT_EXECUTABLE,
        /** A file the kernel cannot execute: neither an ELF program it can load nor a script with "#!". */
        NO_SHEBANG,
        /** A "#!" interpreter, env's command or the ELF loader is missing (a CRLF line among them). */
        INTERPRETER_MISSING,
        /** More interpreters than the kernel follows. */
        TOO_DEEP,
        /** What would run cannot be told from the files (an env option archgate does not model). */
        UNRESOLVED
    }

    /** The break of a chain: what, where, and a sentence saying why. */
    public record Broken(Break kind, String path, String message) {}

    private final List<Link> links;
    private final List<String> argv;
    private final Broken broken;

    private ProgramChain(List<Link> links, List<String> argv, Broken broken) {
        this.links = List.copyOf(links);
        this.argv = argv == null ? List.of() : List.copyOf(argv);
        this.broken = broken;
    }

    /** The files the exec goes through, argv[0]'s first, the loader (if any) last. */
    public List<Link> links() {
        return links;
    }

    /** For a whole chain, the ELF program's argument vector, its own path first; empty when broken. */
    public List<String> argv() {
        return argv;
    }

    /** Null when the chain is whole. */
    public Broken broken() {
        return broken;
    }

    public boolean whole() {
        return broken == null;
    }

    /**
     * Whether the chain is broken because argv[0] itself is absent (or there is none), rather than
     * something it needs: the runtime words both as "no such file", the classifier tells them apart.
     */
    public boolean missesItsCommand() {
        return broken != null && (broken.kind() == Break.MISSING || broken.kind() == Break.NO_COMMAND);
    }

    /** The ELF program the chain ends in, null when broken. */
    public Link program() {
        if (!whole()) {
            return null;
        }
        return links.stream().filter(l -> l.role() != Role.LOADER).reduce((a, b) -> b).orElseThrow();
    }

    /**
     * A command archgate did not read from the image (its own probe image): nothing is known of its
     * files, so a strict launch cannot wrap it.
     */
    public static ProgramChain unread(List<String> argv) {
        return new ProgramChain(List.of(), argv, new Broken(Break.UNRESOLVED, argv.isEmpty() ? null : argv.get(0),
                "the command's files were not read from the image"));
    }

    /**
     * Resolves {@code argv} as the runtime would start it in a container of this filesystem.
     *
     * @param workingDir the image's WORKDIR (empty for "/"), against which a relative argv[0] is found
     * @param pathVariable the PATH a bare argv[0] and env's command are looked up in
     */
    public static ProgramChain resolve(MergedFilesystem fs, List<String> argv, String workingDir, String pathVariable) {
        return new Walk(fs, pathVariable).start(argv, workingDir.isEmpty() ? "/" : workingDir);
    }

    private static final class Walk {
        private final MergedFilesystem fs;
        private final String pathVariable;
        private final List<Link> links = new ArrayList<>();

        Walk(MergedFilesystem fs, String pathVariable) {
            this.fs = fs;
            this.pathVariable = pathVariable;
        }

        ProgramChain start(List<String> argv, String workingDir) {
            if (argv.isEmpty()) {
                return broken(Break.NO_COMMAND, null, "the image has neither ENTRYPOINT nor CMD, so a container of it runs nothing: "
                        + "set one in the Dockerfile");
            }
            String command = argv.get(0);
            // runc: a name with a slash is a path (relative ones from the working directory); a bare name goes through PATH.
            String started = command.contains("/") ? absolute(command, workingDir) : onPath(command);
            Resolution r = started != null ? fs.resolve(started) : fs.which(command, pathVariable);
            if (started == null && r.found()) {
                started = r.requested(); // a PATH entry holding the name only without an exec bit
            }
            if (!r.found()) {
                return broken(Break.MISSING, command, "the entrypoint cannot be found: " + r.problem());
            }
            List<String> vector = new ArrayList<>(argv);
            vector.set(0, started);
            return follow(Role.PROGRAM, started, command, r.facts(), vector, 0);
        }

        /** The path the kernel is handed, "." parts dropped; ".." is kept, since it climbs from where a symlink leads. */
        private static String absolute(String command, String workingDir) {
            String path = command.startsWith("/") ? command : PathNames.child(PathNames.normalize(workingDir), command);
            return path.replaceAll("/(\\./)+", "/").replaceAll("/\\.$", "");
        }

        /** The PATH entry through which {@code command} is started, null when none holds an executable file of that name. */
        private String onPath(String command) {
            for (String dir : pathVariable.split(":")) {
                if (dir.isEmpty()) {
                    continue;
                }
                String candidate = PathNames.child(PathNames.normalize(dir), command);
                Resolution r = fs.resolve(candidate);
                if (r.found() && r.facts().isExecutable()) {
                    return candidate;
                }
            }
            return null;
        }

        private ProgramChain follow(Role role, String started, String shownAs, FileFacts f, List<String> vector, int depth) {
            String name = f.path().equals(shownAs) ? f.path() : shownAs + " (" + f.path() + ")";
            if (f.type() != FileFacts.Type.FILE) {
                return broken(Break.NOT_EXECUTABLE, f.path(), name + " is a " + f.type().name().toLowerCase(Locale.ROOT) + ", not a program");
            }
            if (!f.isExecutable()) {
                return broken(Break.NOT_EXECUTABLE, f.path(), name + " has mode " + Integer.toOctalString(f.mode() & 07777)
                        + ", without an exec bit: the runtime refuses it (permission denied); chmod +x it (COPY --chmod=755)");
            }
            links.add(new Link(role, started, f));
            if (f.isElf()) {
                return loader(f, name, vector);
            }
            if (f.elf() != null) {
                // The kernel's ELF loader refuses what cannot be read either: the exec fails before any code runs.
                return broken(Break.NO_SHEBANG, f.path(), name + " starts like an ELF file but its headers cannot be read ("
                        + f.elf().problem() + "): the kernel cannot execute it (exec format error); rebuild it");
            }
            if (f.shebang() != null) {
                return interpreter(f, name, vector, depth);
            }
            String what = f.text() ? "is a script without a #! line" : "is neither an ELF program nor a script";
            return broken(Break.NO_SHEBANG, f.path(), name + " " + what
                    + ": the kernel cannot execute it (exec format error); start it with #!/bin/sh or run it through a shell");
        }

        private ProgramChain loader(FileFacts program, String name, List<String> vector) {
            String interp = program.elf().interpreter();
            if (interp == null) {
                return new ProgramChain(links, vector, null);
            }
            Resolution loader = fs.resolve(interp);
            if (!loader.found()) {
                return broken(Break.INTERPRETER_MISSING, program.path(), name + " is dynamically linked and needs the loader " + interp
                        + ", but " + loader.problem() + ": add the C library of the platform to the image, or link the program statically");
            }
            links.add(new Link(Role.LOADER, interp, loader.facts()));
            return new ProgramChain(links, vector, null);
        }

        private ProgramChain interpreter(FileFacts script, String name, List<String> vector, int depth) {
            String line = script.shebang().substring(2);
            if (line.endsWith("\r")) {
                return broken(Break.INTERPRETER_MISSING, script.path(), name + " has Windows (CRLF) line ends, so its interpreter is '"
                        + line.strip() + "\\r', which does not exist (no such file or directory): convert it to LF line ends (dos2unix)");
            }
            String[] split = line.strip().split("[ \t]+", 2);
            String interp = split[0];
            if (interp.isEmpty()) {
                return broken(Break.INTERPRETER_MISSING, script.path(), name + " starts with '#!' but names no interpreter");
            }
            if (depth >= MAX_INTERPRETERS) {
                return broken(Break.TOO_DEEP, script.path(), name + " is run by more than " + MAX_INTERPRETERS
                        + " interpreters in a row, more than the kernel follows (too many levels of symbolic links)");
            }
            // The kernel passes the rest of the line as ONE argument, then the script as it was started.
            String argument = split.length > 1 ? split[1].strip() : null;
            Resolution r = fs.resolve(interp);
            if (!r.found()) {
                return broken(Break.INTERPRETER_MISSING, script.path(), name + " needs the interpreter " + interp + ", but "
                        + r.problem() + ": install it in the image or change the #! line");
            }
            if (PathNames.baseName(interp).equals("env") && argument != null && r.facts().isExecutable()) {
                return env(script, name, interp, r.facts(), argument, vector, depth);
            }
            List<String> next = new ArrayList<>();
            next.add(interp);
            if (argument != null) {
                next.add(argument);
            }
            next.addAll(vector);
            return follow(Role.INTERPRETER, interp, interp, r.facts(), next, depth + 1);
        }

        /**
         * {@code #!/usr/bin/env NAME}: env looks NAME up in PATH and executes it; with {@code -S} it
         * splits the rest into NAME and its arguments. env itself is a link of the chain; what it
         * starts is the program that runs, so that is what a strict launch wraps.
         */
        private ProgramChain env(FileFacts script, String name, String interp, FileFacts envFile, String argument, List<String> vector,
                                 int depth) {
            List<String> words;
            if (argument.startsWith("-S")) {
                words = new ArrayList<>(Arrays.asList(argument.substring(2).strip().split("[ \t]+")));
            } else {
                words = new ArrayList<>(List.of(argument));
            }
            words.removeIf(String::isEmpty);
            while (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                words.remove(0); // VAR=value assignments come before the command
            }
            if (words.isEmpty() || words.get(0).startsWith("-")) {
                return broken(Break.UNRESOLVED, script.path(), name + " runs '" + interp + " " + argument
                        + "', whose env options archgate does not follow");
            }
            links.add(new Link(Role.INTERPRETER, interp, envFile));
            String command = words.get(0);
            String started = command.contains("/") ? command : onPath(command);
            Resolution viaEnv = started != null ? fs.resolve(started) : fs.which(command, pathVariable);
            if (!viaEnv.found()) {
                return broken(Break.INTERPRETER_MISSING, script.path(), name + " runs '" + command + "' through " + interp + ", but "
                        + viaEnv.problem() + ": install it in the image");
            }
            List<String> next = new ArrayList<>();
            next.add(started != null ? started : viaEnv.requested());
            next.addAll(words.subList(1, words.size()));
            next.addAll(vector);
            return follow(Role.ENV_TARGET, next.get(0), command, viaEnv.facts(), next, depth + 1);
        }

        private ProgramChain broken(Break kind, String path, String message) {
            return new ProgramChain(links, null, new Broken(kind, path, message));
        }
    }
}
