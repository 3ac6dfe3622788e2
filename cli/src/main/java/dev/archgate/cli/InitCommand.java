package dev.archgate.cli;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Finding;
import dev.archgate.init.ProjectScan;
import dev.archgate.init.StarterFiles;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code archgate init}: a first archgate.yml for the Dockerfile in the current directory, and on request the
 * workflow or Jenkinsfile that runs it. As {@code goreleaser init}, it never overwrites: a file already there stops it
 * before anything is written.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Write a starting archgate.yml for the Dockerfile in the current directory: its platforms (from a Compose or bake "
                + "file or a GitHub workflow that names them, else a default), a smoke test of its entrypoint, and its reports.",
            "Never overwrites a file; says what it found and what 'archgate gate' will report about the Dockerfile."})
final class InitCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, paramLabel = "DOCKERFILE", description = "The Dockerfile (default: Dockerfile).")
    Path dockerfile = Path.of("Dockerfile");

    @Option(names = "--platforms", paramLabel = "LIST", description = "The platforms, instead of finding them.")
    String platforms;

    @Option(names = "--workflow", description = "Also write " + StarterFiles.WORKFLOW + " (at the repository's root) that runs the "
            + "GitHub Action with archgate.yml.")
    boolean workflow;

    @Option(names = "--action", paramLabel = "REF", description = "The Action the workflow uses (default: " + StarterFiles.DEFAULT_ACTION
            + ", OWNER being the account archgate is released under).")
    String action = StarterFiles.DEFAULT_ACTION;

    @Option(names = "--jenkinsfile", description = "Also write a Jenkinsfile (at the repository's root) that runs the archgate "
            + "Pipeline step with archgate.yml.")
    boolean jenkinsfile;

    @Option(names = "--dir", paramLabel = "DIR", description = "The project's directory (default: the current one).")
    Path dir = Path.of("");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ProjectScan scan = ProjectScan.of(dir, dockerfile, platforms == null ? null : Platform.parseList(platforms));
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(scan.dir().resolve(StarterFiles.CONFIG), StarterFiles.config(scan));
        if (workflow) {
            files.put(scan.root().resolve(StarterFiles.WORKFLOW), StarterFiles.workflow(scan, action));
        }
        if (jenkinsfile) {
            files.put(scan.root().resolve(StarterFiles.JENKINSFILE), StarterFiles.jenkinsfile(scan));
        }
        for (Path file : files.keySet()) {
            if (Files.exists(file)) {
                throw ArchgateException.usage(shown(file) + " already exists: archgate init never overwrites a file, so move or delete it "
                        + "and run archgate init again");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Map.Entry<Path, String> f : files.entrySet()) {
            Files.createDirectories(f.getKey().getParent());
            try {
                Files.writeString(f.getKey(), f.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) { // written by someone else since the check above
                throw ArchgateException.usage(shown(f.getKey()) + " appeared while archgate init ran: move or delete it and run archgate init again");
            }
            out.println("wrote " + shown(f.getKey()));
        }
        ignoreReports(scan, out);
        out.println("platforms: " + String.join(", ", scan.platforms().stream().map(Platform::toString).toList()) + " ("
                + scan.platformsSource() + ")");
        out.println("smoke: " + (scan.entrypoint() == null ? "the base image's entrypoint" : scan.entrypoint().instruction())
                + (scan.serves() ? " must keep serving" : " must start") + " on every platform");
        for (Finding f : scan.lint()) {
            out.println(f.severity().name().toLowerCase(java.util.Locale.ROOT) + " " + f.check().id() + " " + f.path() + ": " + f.message());
        }
        if (workflow && action.startsWith("OWNER/")) {
            out.println("in " + StarterFiles.WORKFLOW + ", put the account archgate is released under in place of OWNER (or run with --action)");
        }
        out.println("next: check archgate.yml, then run 'archgate gate'");
        out.flush();
        return ArchgateCommand.EXIT_PASS;
    }

    /** A path as the user sees the project: relative to the current directory when it lies inside it. */
    private static String shown(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }

    /** Adds the reports' directory to the project's .gitignore, unless a line already names it. */
    private static void ignoreReports(ProjectScan scan, PrintWriter out) throws IOException {
        Path gitignore = scan.dir().resolve(".gitignore");
        String entry = StarterFiles.gitignoreEntry();
        String text = Files.isRegularFile(gitignore) ? Files.readString(gitignore) : "";
        boolean listed = text.lines().map(String::strip).anyMatch(l -> l.equals(entry) || l.equals(StarterFiles.REPORT_DIR)
                || l.equals(StarterFiles.REPORT_DIR + "/") || l.equals("/" + StarterFiles.REPORT_DIR));
        if (!listed) {
            Files.writeString(gitignore, (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + entry + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            out.println("added " + entry + " to " + shown(gitignore));
        }
    }
}
