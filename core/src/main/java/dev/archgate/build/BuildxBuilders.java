package dev.archgate.build;

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
     * @throws BuilderException naming the builder: unknown (usage) or not answering (environment)
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
                throw new BuilderException(shown + " did not answer within 2 minutes: check it with 'docker buildx inspect'", false);
            }
            status = p.exitValue();
        } catch (IOException e) {
            throw new BuilderException("cannot run " + docker.program() + " buildx (" + e.getMessage() + "): install docker-buildx", false);
        }
        if (status != 0) {
            String last = out.strip().lines().reduce((a, b) -> b).orElse("exit status " + status);
            if (last.contains("no builder")) {
                throw new BuilderException("there is no " + shown.substring(4) + ": 'docker buildx ls' lists the builders, "
                        + "'docker buildx create' makes one", true);
            }
            throw new BuilderException("cannot inspect " + shown + ": " + last, false);
        }
        return BuildxBuilder.parse(out);
    }

    /** A builder that is unknown ({@code usage}) or cannot be reached; the message names it and the fix. */
    public static final class BuilderException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean usage;

        BuilderException(String message, boolean usage) {
            super(message);
            this.usage = usage;
        }

        public boolean usage() {
            return usage;
        }
    }
}
