package dev.archgate.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.SmokeResult;
import dev.archgate.spec.SmokeTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runtime and QEMU wordings below were captured from this engine (runc 1.1) and QEMU 7.2, or quoted from crun and older runc. */
class ClassifierTest {
    private static final SmokeTest COMMAND = new SmokeTest("version", SmokeTest.Mode.COMMAND, List.of("/app", "--version"), 0, "^app ", "",
            Duration.ofSeconds(30), Duration.ofSeconds(5));

    private static SmokeResult classify(Integer exit, String stdout, String stderr, boolean entrypointExists) {
        return Classifier.classify(COMMAND, new ContainerResult(exit, stdout, stderr, false, false, false, null, entrypointExists, 10));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "exec /app: exec format error | 1 | smoke.exec-format-error",
        "standard_init_linux.go:228: exec user process caused: exec format error | 1 | smoke.exec-format-error",
        "standard_init_linux.go:211: exec user process caused \"exec format error\" | 1 | smoke.exec-format-error",
        "{\"msg\":\"exec container process `/app`: Exec format error\",\"level\":\"error\"} | 1 | smoke.exec-format-error",
        "qemu: /app: Invalid ELF image for this architecture | 255 | smoke.exec-format-error",
        "qemu: Could not open '/lib/ld-linux-aarch64.so.1': No such file or directory | 255 | interpreter.missing",
        "aarch64-binfmt-P: Could not open '/lib/ld-linux-aarch64.so.1': No such file or directory | 255 | interpreter.missing",
        "exec /usr/bin/hello: no such file or directory | 1 | interpreter.missing",
        "exec /entrypoint.sh: permission denied | 126 | entrypoint.not-executable",
        "Status 500: unable to find user appuser: no matching entries in passwd file | 0 | user.missing",
        "qemu: uncaught target signal 4 (Illegal instruction) - core dumped | 132 | smoke.signal",
        "Segmentation fault | 139 | smoke.signal",
        "app: unknown flag --version | 2 | smoke.exit-code"})
    void eachRuntimeWordingMapsToItsCheck(String stderr, int exit, String outcome) {
        SmokeResult r = classify(exit, "", stderr, true);
        assertThat(r.outcome().id()).isEqualTo(outcome);
        assertThat(r.detail()).isNotBlank();
    }

    @Test
    void anEngineRefusingAUserTheImageLacksIsTheImagesFault() {
        // What Docker 26 answers to the start of a container whose USER /etc/passwd lacks (seen on policy-user-missing).
        String refusal = "Status 500: {\"message\":\"unable to find user appuser: no matching entries in passwd file\"}";
        assertThat(Classifier.namesImageFault(refusal)).isTrue();
        assertThat(Classifier.namesImageFault("Status 500: {\"message\":\"context deadline exceeded\"}")).isFalse();
    }

    @Test
    void noSuchFileForAProgramThatIsAbsentNamesTheEntrypoint() {
        assertThat(classify(1, "", "exec /app: no such file or directory", false).outcome().id()).isEqualTo("entrypoint.missing");
        assertThat(classify(127, "", "exec: \"app\": executable file not found in $PATH", false).outcome().id()).isEqualTo("entrypoint.missing");
    }

    @Test
    void outputTimeoutsServicesAndOomAreTheirOwnClasses() {
        assertThat(classify(0, "app 1.0.0\n", "", true).passed()).isTrue();
        SmokeResult wrongOutput = classify(0, "hello\n", "", true);
        assertThat(wrongOutput.outcome().id()).isEqualTo("smoke.output");
        assertThat(wrongOutput.detail()).contains("/^app /", "hello");

        assertThat(Classifier.classify(COMMAND, new ContainerResult(null, "", "", false, true, false, null, true, 30_000)).outcome().id())
                .isEqualTo("smoke.timeout");
        assertThat(Classifier.classify(COMMAND, new ContainerResult(137, "", "", true, false, false, null, true, 100)).detail())
                .contains("out of memory");

        SmokeTest service = new SmokeTest("serves", SmokeTest.Mode.SERVICE, List.of(), 0, "", "", Duration.ofSeconds(30), Duration.ofSeconds(3));
        assertThat(Classifier.classify(service, new ContainerResult(null, "ready", "", false, false, true, null, true, 3000)).passed()).isTrue();
        assertThat(Classifier.classify(service, new ContainerResult(0, "", "bye", false, false, false, null, true, 100)).outcome().id())
                .isEqualTo("smoke.not-running");

        SmokeTest start = SmokeTest.starts();
        assertThat(Classifier.classify(start, new ContainerResult(0, "", "", false, false, false, null, true, 100)).passed()).isTrue();
        assertThat(Classifier.classify(start, new ContainerResult(null, "", "", false, false, true, null, true, 5000)).passed()).isTrue();
        assertThat(Classifier.classify(start, new ContainerResult(3, "", "", false, false, false, null, true, 100)).outcome().id())
                .isEqualTo("smoke.exit-code");
    }

    @Test
    void theEngineRefusingAPlatformIsPlatformMissing() {
        SmokeResult r = Classifier.classify(COMMAND, new ContainerResult(null, "", "", false, false, false,
                "image with reference x was found but does not match the specified platform: wanted linux/arm64, actual: linux/amd64", true, 5));
        assertThat(r.outcome().id()).isEqualTo("platform.missing");
    }

    /**
     * The lines below are what qemu-*-static 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18) printed here:
     * qemu-arm-static -cpu arm1176 on Debian's armhf busybox and on a GOARM=7 Go program,
     * qemu-x86_64-static -cpu qemu64 on a -march=x86-64-v3 AVX2 loop, on a NULL dereference, on
     * abort() and on raise(SIGFPE) (gcc 12, static).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "qemu: uncaught target signal 4 (Illegal instruction) - core dumped | SIGILL",
        "qemu: uncaught target signal 11 (Segmentation fault) - core dumped | SIGSEGV",
        "qemu: uncaught target signal 6 (Aborted) - core dumped | SIGABRT",
        "qemu: uncaught target signal 8 (Floating point exception) - core dumped | SIGFPE"})
    void qemusReportOfTheGuestsDeathIsASignalEvenWhenQemuThenHangs(String line, String signal) {
        SmokeTest start = SmokeTest.starts();
        // QEMU as PID 1 cannot die of the signal it re-raises and hangs: the container still runs at the ready time.
        SmokeResult hung = Classifier.classify(start, new ContainerResult(null, "", line + "\n", false, false, true, null, true, 5000));
        assertThat(hung.outcome().id()).isEqualTo("smoke.signal");
        assertThat(hung.detail()).startsWith(signal + " (").contains(line);
        SmokeTest service = new SmokeTest("serves", SmokeTest.Mode.SERVICE, List.of(), 0, "", "", Duration.ofSeconds(30), Duration.ofSeconds(3));
        assertThat(Classifier.classify(service, new ContainerResult(null, "listening\n", line, false, false, true, null, true, 3000)).outcome().id())
                .isEqualTo("smoke.signal");
        // A command whose expected status happens to match still died.
        assertThat(classify(0, "app 1.0.0\n", "partial output" + line, true).outcome().id()).isEqualTo("smoke.signal");
    }

    /**
     * QEMU's own crash, in the words of its linux-user/signal.c ("QEMU internal SIG%s {code=%s, addr=%p}",
     * through error_report, which prefixes the program's name) and of cpu_abort ("qemu: fatal: "); the
     * guest's death after it is QEMU's re-raise, not the program's fault. The emulator is named.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "qemu-aarch64-static: QEMU internal SIGSEGV {code=MAPERR, addr=0x20}",
        "qemu-x86_64-static: QEMU internal SIGILL {code=ILLOPN, addr=0x7f0a3c2e1000}",
        "qemu: fatal: Unhandled exception 0x13"})
    void theEmulatorsOwnCrashIsAnEnvironmentFaultNamingTheEmulator(String line) {
        String emulator = "qemu-aarch64 version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3), -cpu cortex-a53";
        SmokeResult r = Classifier.classify(COMMAND, new ContainerResult(139, "", line + "\nqemu: uncaught target signal 11 (Segmentation fault) - "
                + "core dumped\n", false, false, false, null, true, 100), emulator);
        assertThat(r.outcome().id()).isEqualTo("emulation.suspect");
        assertThat(dev.archgate.findings.Check.EMULATION_SUSPECT.environmental()).isTrue();
        assertThat(r.detail()).startsWith("the emulator crashed, not the program: " + line).contains(emulator).contains("engines:");
        // the same words from a program's own output elsewhere than a line of QEMU's are still QEMU's: QEMU writes them to stderr
        assertThat(classify(139, "", "ok\n" + line, true).outcome().id()).isEqualTo("emulation.suspect");
    }

    /**
     * A crash under a QEMU release known to crash where the guest is fine (host/KnownQemuFaults: 9.2.0 in
     * docker/setup-qemu-action#201 and tonistiigi/binfmt#245) says nothing of the image; under 7.2 it is the image's.
     */
    @Test
    void aCrashUnderAKnownBadQemuReleaseIsTheEmulatorsNeverTheImages() {
        String crash = "qemu: uncaught target signal 11 (Segmentation fault) - core dumped\n";
        SmokeResult bad = Classifier.classify(COMMAND, new ContainerResult(139, "", crash, false, false, false, null, true, 100),
                "qemu-aarch64 version 9.2.0, -cpu cortex-a53");
        assertThat(bad.outcome().id()).isEqualTo("emulation.suspect");
        assertThat(bad.detail()).contains("QEMU 9.2.0 is a release in which", "tonistiigi/binfmt#245", "tonistiigi/binfmt:qemu-v9.2.2");
        SmokeResult good = Classifier.classify(COMMAND, new ContainerResult(139, "", crash, false, false, false, null, true, 100),
                "qemu-aarch64 version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3), -cpu cortex-a53");
        assertThat(good.outcome().id()).isEqualTo("smoke.signal");
        SmokeResult passed = Classifier.classify(COMMAND, new ContainerResult(0, "ok\n", "", false, false, false, null, true, 100),
                "qemu-aarch64 version 9.2.0, -cpu cortex-a53");
        assertThat(passed.outcome().id()).isNotEqualTo("emulation.suspect");
        SmokeResult timedOut = Classifier.classify(COMMAND, new ContainerResult(137, "", "", false, true, false, null, true, 100),
                "qemu-aarch64 version 9.2.0, -cpu cortex-a53");
        assertThat(timedOut.outcome().id()).as("killed for time, not crashed").isNotEqualTo("emulation.suspect");
    }

    /** glibc's loader built for z14, POWER9 or x86-64-v2 refusing an older CPU (sysdeps/{s390/s390-64,powerpc/powerpc64/le,x86}/dl-hwcap-check.h, cpu-features.c). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Fatal glibc error: CPU lacks VXE support (z14 or later required)",
        "Fatal glibc error: CPU lacks ISA 3.00 support (POWER9 or later required)",
        "Fatal glibc error: CPU does not support x86-64-v2"})
    void aGlibcFloorRefusalIsACpuLevelFinding(String line) {
        SmokeResult r = classify(127, "", line + "\n", true);
        assertThat(r.outcome().id()).isEqualTo("elf.cpu-level");
        assertThat(r.detail()).contains(line);
    }

    @Test
    void sigillSaysWhatItMeans() {
        SmokeResult r = classify(null, "", "qemu: uncaught target signal 4 (Illegal instruction) - core dumped\n", true);
        assertThat(r.detail()).contains("instructions the platform's baseline CPU lacks", "newer CPU level");
        assertThat(classify(132, "", "Illegal instruction", true).detail()).contains("newer CPU level");
        assertThat(classify(null, "", "qemu: uncaught target signal 11 (Segmentation fault) - core dumped", true).detail())
                .doesNotContain("CPU level");
    }

    /** Printed here by Go 1.19 programs (GOAMD64=v3 under -cpu qemu64) and glibc 2.36's loader (a -march=x86-64-v3 -mneeded program). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "This program can only be run on AMD64 processors with v3 microarchitecture support. | 1",
        "runtime: this CPU has no VFPv3 floating point hardware, so it cannot run | 1",
        "./app: CPU ISA level is lower than required | 127"})
    void aRefusalToStartOnTheBaselineCpuIsACpuLevelFailureWhateverTheExpectedStatus(String line, int exit) {
        SmokeTest expectsFailure = new SmokeTest("usage", SmokeTest.Mode.COMMAND, List.of("/app", "--bad"), exit, "", "",
                Duration.ofSeconds(30), Duration.ofSeconds(5));
        SmokeResult r = Classifier.classify(expectsFailure, new ContainerResult(exit, "", line + "\n", false, false, false, null, true, 10));
        assertThat(r.outcome().id()).isEqualTo("elf.cpu-level");
        assertThat(r.detail()).contains(line);
    }

    @Test
    void qemuSeenDyingAsPid1IsTheSignalWithItsStatus() {
        // What SmokeRunner makes of a run whose QEMU was seen stuck dying of SIGILL (DyingEmulatorTest's recorded answer).
        ContainerResult r = new ContainerResult(132, "", "", false, false, false, null, true, 2100, 4);
        SmokeResult result = Classifier.classify(COMMAND, r);
        assertThat(result.outcome().id()).isEqualTo("smoke.signal");
        assertThat(result.exitCode()).isEqualTo(132);
        assertThat(result.detail()).startsWith("killed by SIGILL under emulation").contains("PID 1");
        SmokeTest starts = SmokeTest.starts();
        assertThat(Classifier.classify(starts, r).outcome().id()).isEqualTo("smoke.signal");
        ContainerResult sys = new ContainerResult(159, "", "", false, false, false, null, true, 2100, 31);
        assertThat(Classifier.classify(COMMAND, sys).detail()).startsWith("killed by SIGSYS under emulation");
    }
}
