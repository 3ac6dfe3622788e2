package dev.archgate.build;

import dev.archgate.ArchgateException;
import dev.archgate.host.DockerCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Asks buildx about a builder before anything is built with it. */
public final class BuildxBuilders {
    private final DockerCli docker;

    public BuildxBuilders(DockerCli docker) {
        this.docker = docker;
    }

    /**
     * @param name the builder, or null for buildx's current one
     * @throws ArchgateException naming the builder: unknown (usage) or not answering (environment)
     */
    public BuildxBuilder inspect(String name) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("buildx", "inspect"));
        if (name != null) {
            cmd.add(name);
        }
        String shown = name == null ? "the current buildx builder" : "the buildx builder '" + name + "'";
        String out;
        int status;
        try {
            Process p = docker.command(cmd).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new ArchgateException(shown + " did not answer within 2 minutes: check it with 'docker buildx inspect'",
                        ArchgateException.Kind.ENVIRONMENT);
            }
            status = p.exitValue();
        } catch (IOException e) {
            throw new ArchgateException("cannot run " + docker.program() + " buildx (" + e.getMessage() + "): install docker-buildx",
                    ArchgateException.Kind.ENVIRONMENT);
        }
        if (status != 0) {
            String last = out.strip().lines().reduce((a, b) -> b).orElse("exit status " + status);
            if (last.contains("no builder")) {
                throw new ArchgateException("there is no " + shown.substring(4) + ": 'docker buildx ls' lists the builders, "
                        + "'docker buildx create' makes one", ArchgateException.Kind.USAGE);
            }
            throw new ArchgateException("cannot inspect " + shown + ": " + last, ArchgateException.Kind.ENVIRONMENT);
        }
        return BuildxBuilder.parse(out);
    }
}
