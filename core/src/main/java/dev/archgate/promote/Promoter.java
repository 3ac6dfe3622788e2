package dev.archgate.promote;

import dev.archgate.host.DockerCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes release tags as a registry-side copy of the tested index, by digest, so the tag points
 * at exactly the bytes that were checked (never at whatever the candidate tag holds by then).
 * {@code docker buildx imagetools create} does the copy: it mounts blobs across repositories and
 * uses the same credentials as the user's docker, so nothing is pulled through this machine.
 */
public final class Promoter {
    private static final long TIMEOUT_MINUTES = 10;
    private final DockerCli docker;

    public Promoter(DockerCli docker) {
        this.docker = docker;
    }

    /**
     * @param source the tested image, {@code repo@sha256:...}
     * @param log receives buildx's output lines
     */
    public PromotionResult promote(String source, List<String> tags, Consumer<String> log) throws InterruptedException {
        if (!source.contains("@sha256:")) {
            throw new IllegalArgumentException("promotion copies by digest, got " + source);
        }
        List<String> done = new ArrayList<>();
        for (String tag : tags) {
            List<String> command = List.of("buildx", "imagetools", "create", "--tag", tag, source);
            try {
                Process p = docker.command(command).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    return new PromotionResult(done, "copying " + source + " to " + tag + " took over " + TIMEOUT_MINUTES + " minutes");
                }
                output.lines().forEach(log);
                if (p.exitValue() != 0) {
                    String last = output.lines().reduce((a, b) -> b).orElse("exit status " + p.exitValue());
                    return new PromotionResult(done, "cannot tag " + tag + ": " + last);
                }
                done.add(tag);
            } catch (IOException e) {
                return new PromotionResult(done, "cannot run " + docker.program() + " buildx imagetools (" + e.getMessage() + ")");
            }
        }
        return new PromotionResult(done, null);
    }
}
