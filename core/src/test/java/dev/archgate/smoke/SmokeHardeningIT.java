package dev.archgate.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.findings.SmokeResult;
import dev.archgate.host.DockerClients;
import dev.archgate.host.QemuBinaries;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SmokeTest;
import dev.archgate.testing.FixturePrograms;
import dev.archgate.testing.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile programs in real smoke containers, started the way the gate starts them (through
 * {@link SmokeRunner}, strict launch): each proves one hardening property from inside. The
 * busybox base's shell is the hostile program; what it reports is read with shell builtins where
 * forking may fail.
 */
@IntegrationTest
class SmokeHardeningIT {
    private static final String BUSYBOX = "127.0.0.1:5000/archgate/bases/busybox:1";
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static DockerClient docker;
    private static SmokeRunner runner;
    private static ProgramChain shell;

    @BeforeAll
    static void start() throws IOException {
        docker = DockerClients.fromEnvironment(System.getenv());
        runner = new SmokeRunner(docker, new Labels(), new QemuBinaries(Path.of("/usr/bin")));
        shell = FixturePrograms.chain(BUSYBOX, AMD64, List.of("/bin/sh"));
    }

    private static SmokeResult run(String name, String script, String stdout) throws InterruptedException {
        SmokeTest test = new SmokeTest(name, SmokeTest.Mode.COMMAND, List.of("/bin/sh", "-c", script), 0, stdout, "",
                Duration.ofSeconds(90), Duration.ofSeconds(1));
        SmokeResult r = runner.run(SmokeRequest.of(BUSYBOX, AMD64, test).program(shell, test.command()).nativeCode(true).build());
        assertThat(runner.liveContainers()).isZero();
        return r;
    }

    /** A listener on every host address that answers any connection with "hello", until closed. */
    private static ServerSocket listener() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress("0.0.0.0", 0));
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nhello\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // closed, or a client that went away
                }
            }
        }, "hardening-listener");
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void networkAccessFailsAndOnlyLoopbackExists() throws Exception {
        String gateway = docker.inspectNetworkCmd().withNetworkId("bridge").exec().getIpam().getConfig().get(0).getGateway();
        try (ServerSocket server = listener()) {
            // busybox's nc, not its wget: the static wget of Debian's busybox crashes on this base.
            String probe = "echo | nc -w 10 " + gateway + " " + server.getLocalPort();
            // Control: the same probe from a container with the engine's default network reaches the host.
            Process control = new ProcessBuilder("docker", "run", "--rm", "--platform", "linux/amd64", "--network", "bridge", BUSYBOX,
                    "sh", "-c", probe).redirectErrorStream(true).start();
            String reached = new String(control.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(control.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(reached).as("the probe run with a network").contains("hello");

            SmokeResult r = run("network", "if " + probe + " | grep -q hello; then v=reached; else v=blocked; fi; "
                    + "echo \"$v $(grep : /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ,)\"", "^blocked lo,$");
            assertThat(r.passed()).as(r.detail()).isTrue();
        }
    }

    @Test
    void aForkBombStopsAtThePidsLimit() throws Exception {
        // The bomb runs beside the shell, which waits with builtins only (it may not fork any more) and then reads the cgroup.
        String script = "(while :; do sleep 60 & done) 2>/dev/null & "
                + "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; "
                + "f=/sys/fs/cgroup/pids/pids; [ -r $f.max ] || f=/sys/fs/cgroup/pids; "
                + "read cur < $f.current; read max < $f.max; echo \"pids $cur of $max\"";
        SmokeResult r = run("fork-bomb", script, "^pids (2[0-4][0-9]|25[0-6]) of 256$");
        assertThat(r.passed()).as(r.detail()).isTrue();
    }

    @Test
    void anAllocatorStopsAtTheMemoryLimit() throws Exception {
        SmokeResult limit = run("memory-limit", "f=/sys/fs/cgroup/memory/memory.limit_in_bytes; [ -r $f ] || f=/sys/fs/cgroup/memory.max; "
                + "read m < $f; echo \"memory $m\"", "^memory 536870912$");
        assertThat(limit.passed()).as(limit.detail()).isTrue();

        // A string that doubles until the kernel kills the shell at the container's limit.
        SmokeResult r = run("allocator", "x=0123456789abcdef; while :; do x=$x$x; done", "");
        assertThat(r.outcome().id()).as(r.detail()).isEqualTo("smoke.signal");
        assertThat(r.detail()).isEqualTo("killed by the kernel: out of memory (the container's memory limit)");
    }

    /**
     * The engine is asked about the OOM killer only when the program did not exit 0: a child
     * killed at the limit is still found when the program then fails with a status of its own.
     */
    @Test
    void aChildKilledAtTheMemoryLimitIsFoundWhenTheProgramThenFails() throws Exception {
        SmokeResult r = run("child-allocator", "sh -c 'x=0123456789abcdef; while :; do x=$x$x; done'; exit 3", "");
        assertThat(r.outcome().id()).as(r.detail()).isEqualTo("smoke.signal");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.detail()).isEqualTo("killed by the kernel: out of memory (the container's memory limit)");
    }

    @Test
    void aRootProcessHasNoCapabilitiesAndNoNewPrivileges() throws Exception {
        String script = "echo \"uid $(id -u)\"; while read k v; do case $k in CapPrm:|CapEff:|CapBnd:|CapAmb:|NoNewPrivs:) echo \"$k $v\";; "
                + "esac; done < /proc/self/status";
        SmokeResult r = run("capabilities", script,
                "^uid 0\\nCapPrm: 0{16}\\nCapEff: 0{16}\\nCapBnd: 0{16}\\nCapAmb: 0{16}\\nNoNewPrivs: 1$");
        assertThat(r.passed()).as(r.detail()).isTrue();
    }
}
