package dev.archgate.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks once per test run that the host can answer for real. A missing piece fails the test with
 * "run dev/setup-host": an integration test that skips would let CI pass without checking anything.
 */
public final class RealHostExtension implements BeforeAllCallback {
    public static final String REGISTRY = "127.0.0.1:5000";
    /** The emulators the fixtures need: every non-native platform they are built for. */
    public static final List<String> QEMU_HANDLERS = List.of("aarch64", "arm", "s390x", "ppc64le", "riscv64");

    private static volatile String verdict;

    @Override
    public void beforeAll(ExtensionContext context) {
        String problems = verdict;
        if (problems == null) {
            synchronized (RealHostExtension.class) {
                if (verdict == null) {
                    verdict = checkHost();
                }
                problems = verdict;
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("the test host is not ready: " + problems + "; run dev/setup-host");
        }
    }

    private static String checkHost() {
        List<String> missing = new ArrayList<>();
        if (run("docker", "version", "--format", "{{.Server.Version}}") != 0) {
            missing.add("the Docker Engine does not answer on /var/run/docker.sock");
        } else if (run("docker", "buildx", "version") != 0) {
            missing.add("docker buildx is not installed");
        }
        for (String handler : QEMU_HANDLERS) {
            Path entry = Path.of("/proc/sys/fs/binfmt_misc/qemu-" + handler);
            try {
                if (!Files.exists(entry) || !Files.readAllLines(entry).get(0).equals("enabled")) {
                    missing.add("binfmt_misc handler qemu-" + handler + " is not enabled");
                }
            } catch (IOException e) {
                missing.add("cannot read " + entry + ": " + e.getMessage());
            }
        }
        if (!registryAnswers()) {
            missing.add("no registry answers on http://" + REGISTRY + "/v2/");
        }
        return String.join("; ", missing);
    }

    private static boolean registryAnswers() {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://" + REGISTRY + "/v2/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
