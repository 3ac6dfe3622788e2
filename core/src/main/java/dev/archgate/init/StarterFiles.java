package dev.archgate.init;

import com.google.gson.JsonPrimitive;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SpecLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The files {@code archgate init} writes from a {@link ProjectScan}: archgate.yml (checked by the real
 * {@link SpecLoader} before it is handed out, so init cannot write a file the gate refuses), and on request a GitHub
 * workflow that runs the Action with it and a Jenkinsfile that runs the Pipeline step with it, both shaped as
 * {@code examples/github/} and {@code jenkinsfile-examples/} are. Every choice made for the user is a comment beside
 * the key it set, so the file explains itself.
 */
public final class StarterFiles {
    public static final String CONFIG = "archgate.yml";
    public static final String WORKFLOW = ".github/workflows/archgate.yml";
    public static final String JENKINSFILE = "Jenkinsfile";
    public static final String REPORT_DIR = "archgate-report";
    /** The Action as the README's install section names it; the account is the one archgate is released under. */
    public static final String DEFAULT_ACTION = "OWNER/archgate@v1";
    private static final Pattern EXEC_FORM_PROGRAM = Pattern.compile("^(?:ENTRYPOINT|CMD)\\s+\\[\\s*\"([^\"]+)\"");

    private StarterFiles() {}

    /** archgate.yml for the scanned project; paths relative to its directory. */
    public static String config(ProjectScan scan) {
        StringBuilder y = new StringBuilder();
        y.append("# Written by 'archgate init' from ").append(scan.dockerfileName()).append(". Check it, then run: archgate gate\n");
        y.append("# Every key is described in archgate's README (archgate.yml); each can be overridden by a flag of 'archgate gate'.\n");
        y.append("version: 1\n");
        y.append("build:\n");
        y.append("  context: .\n");
        y.append("  dockerfile: ").append(quoted(scan.dockerfileName())).append('\n');
        y.append("  # Without tags the build is loaded into the local engine. To gate what you release, push it (it is then\n");
        y.append("  # gated by digest) and name where it goes:\n");
        y.append("  # push: true\n");
        y.append("  # tags: [\"registry.example.com/app:candidate-${BUILD_ID:-local}\"]\n");
        y.append("# ").append(scan.platformsSource()).append('\n');
        y.append("platforms: [").append(scan.platforms().stream().map(Platform::toString).collect(Collectors.joining(", "))).append("]\n");
        y.append("smoke:\n");
        ProjectScan.Entrypoint entrypoint = scan.entrypoint();
        String what = entrypoint == null ? "The base image's entrypoint (" + scan.dockerfileName() + " sets none)"
                : entrypoint.instruction() + " (" + scan.dockerfileName() + ":" + entrypoint.line() + ")";
        if (scan.serves()) {
            y.append("  # ").append(what).append(" serves (EXPOSE): it must still run 5 s after it started, on every platform.\n");
            y.append("  - {name: serves, mode: service, ready: 5s}\n");
        } else {
            y.append("  # ").append(what).append(" must start on every platform: exit 0, or still run after 5 s.\n");
            y.append("  - {name: starts, mode: start}\n");
        }
        Matcher program = EXEC_FORM_PROGRAM.matcher(entrypoint == null ? "" : entrypoint.instruction());
        y.append("  # A test of what it prints proves more, e.g.:\n");
        y.append("  # - {name: version, command: [").append(program.find() ? program.group(1) : "/app")
                .append(", --version], expect: {exitCode: 0, stdout: \"^app \"}, timeout: 30s}\n");
        y.append("emulation: {strict: true}\n");
        y.append("report: {dir: ").append(REPORT_DIR).append("}\n");
        y.append("# Tags written, as a copy of the tested digest, only when every platform passed:\n");
        y.append("# promote: [\"registry.example.com/app:1.2.3\"]\n");
        String text = y.toString();
        new SpecLoader(name -> null).parse(text, CONFIG, scan.dir()); // init's own mistake would surface here, not in the user's gate
        return text;
    }

    /** A workflow at the repository's root that gates every push and pull request with the Action and archgate.yml. */
    public static String workflow(ProjectScan scan, String action) {
        String config = relative(scan, CONFIG);
        String reports = relative(scan, REPORT_DIR);
        return "# Written by 'archgate init': gates every push to main and every pull request with " + config + ".\n"
                + "# Pushing and promoting a release: see archgate's examples/github/build-and-gate.yml.\n"
                + "name: archgate\n"
                + "on:\n"
                + "  push:\n"
                + "    branches: [main]\n"
                + "  pull_request:\n"
                + "permissions:\n"
                + "  contents: read\n"
                + "jobs:\n"
                + "  gate:\n"
                + "    runs-on: ubuntu-latest\n"
                + "    steps:\n"
                + "      - uses: actions/checkout@v7\n"
                + "      - uses: " + action + "\n"
                + "        with:\n"
                + "          config: " + quoted(config) + "\n"
                + "      # Uploaded on pass, fail and error alike (an error may leave no reports: a warning, not a failure).\n"
                + "      - if: always()\n"
                + "        uses: actions/upload-artifact@v7\n"
                + "        with:\n"
                + "          name: archgate-report\n"
                + "          path: " + quoted(reports) + "\n"
                + "          if-no-files-found: warn\n";
    }

    /** A declarative Jenkinsfile at the repository's root that gates with the Pipeline step and archgate.yml. */
    public static String jenkinsfile(ProjectScan scan) {
        return "// Written by 'archgate init': gates the build with " + relative(scan, CONFIG) + ". A failed gate stops the pipeline\n"
                + "// with its root cause; the step records junit.xml and the summary page itself.\n"
                + "pipeline {\n"
                + "    agent { label 'docker' }   // an agent with Docker Engine, buildx and qemu-user-static\n"
                + "    options { timeout(time: 30, unit: 'MINUTES') }\n"
                + "    stages {\n"
                + "        stage('Gate') {\n"
                + "            steps {\n"
                + "                archgate config: " + groovy(relative(scan, CONFIG)) + "\n"
                + "            }\n"
                + "        }\n"
                + "    }\n"
                + "}\n";
    }

    /** The line init adds to .gitignore (as goreleaser init adds dist/): reports are outputs, not sources. */
    public static String gitignoreEntry() {
        return "/" + REPORT_DIR + "/";
    }

    private static String relative(ProjectScan scan, String name) {
        return scan.root().relativize(scan.dir().resolve(name)).toString();
    }

    /** A YAML double-quoted scalar: JSON's string syntax is a subset of it. */
    private static String quoted(String s) {
        return new JsonPrimitive(s).toString();
    }

    private static String groovy(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
