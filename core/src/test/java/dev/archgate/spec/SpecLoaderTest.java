package dev.archgate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Check;
import dev.archgate.platform.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {
    private static final Path BASE = Path.of("/work/app");
    private final SpecLoader loader = new SpecLoader(Map.of("VERSION", "1.2.3", "REGISTRY", "registry.example.com")::get);

    private GateSpec parse(String yaml) {
        return loader.parse(yaml, "archgate.yml", BASE).toSpec();
    }

    @Test
    void readsTheDocumentedShapeWithEnvironmentExpansion() {
        GateSpec spec = parse("""
                version: 1
                build: {context: ., dockerfile: docker/Dockerfile, args: {VERSION: "${VERSION}"}, push: true,
                        tags: ["${REGISTRY}/app:candidate"]}
                platforms: [linux/amd64, aarch64, linux/arm/v7]
                smoke:
                  - {name: version, command: [/app, --version], expect: {exitCode: 0, stdout: "^app "}, timeout: 30s}
                  - {name: serves, mode: service, ready: 5s}
                emulation: {strict: true, install: true}
                checks: {policy.root-user: warning, elf.arm-level: off, ignore-paths: [/usr/share/firmware/**]}
                report: {dir: archgate-report}
                promote: ["${REGISTRY}/app:${VERSION}", "${REGISTRY}/app:${CHANNEL:-stable}"]
                """);

        assertThat(spec.build().context()).isEqualTo(BASE);
        assertThat(spec.build().dockerfileOrDefault()).isEqualTo(BASE.resolve("docker/Dockerfile"));
        assertThat(spec.build().args()).containsEntry("VERSION", "1.2.3");
        assertThat(spec.build().tags()).containsExactly("registry.example.com/app:candidate");
        assertThat(spec.platforms()).extracting(Platform::toString).containsExactly("linux/amd64", "linux/arm64", "linux/arm/v7");
        assertThat(spec.smoke()).hasSize(2);
        assertThat(spec.smoke().get(0).timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.smoke().get(0).stdout()).isEqualTo("^app ");
        assertThat(spec.smoke().get(1).mode()).isEqualTo(SmokeTest.Mode.SERVICE);
        assertThat(spec.installEmulation()).isTrue();
        assertThat(spec.checkLevels()).containsEntry(Check.POLICY_ROOT_USER, CheckLevel.WARNING).containsEntry(Check.ELF_ARM_LEVEL, CheckLevel.OFF);
        assertThat(spec.ignorePaths()).containsExactly("/usr/share/firmware/**");
        assertThat(spec.reportDir()).isEqualTo(BASE.resolve("archgate-report"));
        assertThat(spec.promote()).containsExactly("registry.example.com/app:1.2.3", "registry.example.com/app:stable");
    }

    @Test
    void defaultsAreStrictEmulationAndAStartTest() {
        GateSpec spec = parse("version: 1\nimage: 127.0.0.1:5000/app:1\nplatforms: [linux/amd64]\n");
        assertThat(spec.strictEmulation()).isTrue();
        assertThat(spec.installEmulation()).isFalse();
        assertThat(spec.smoke()).singleElement().extracting(SmokeTest::mode).isEqualTo(SmokeTest.Mode.START);
    }

    @Test
    void eachBadInputGetsOneSentenceNamingTheKeyTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatform: [linux/amd64]\n"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageContaining("unknown key 'platform'").hasMessageContaining("platforms");
        assertThatThrownBy(() -> parse("version: 1\nbuild: {no-cache: yes please}\nplatforms: [linux/amd64]\n"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessage("build.no-cache is 'yes please': use true or false");
        assertThatThrownBy(() -> parse("version: 1\nbuild: {labels: [a=b]}\nplatforms: [linux/amd64]\n"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageContaining("build.labels");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/sparc]\n"))
                .hasMessageContaining("platforms: unknown platform 'linux/sparc'").hasMessageContaining("linux/arm64");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/amd64\n"))
                .hasMessageStartingWith("archgate.yml is not valid YAML at line");
        assertThatThrownBy(() -> parse("image: x\nplatforms: [linux/amd64]\n")).hasMessageContaining("version is missing");
        assertThatThrownBy(() -> parse("version: 1\nimage: ${TAG}\nplatforms: [linux/amd64]\n"))
                .hasMessageContaining("image uses ${TAG}, which is not set");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/amd64]\nchecks: {elf.arch-mismatch: fatal}\n"))
                .hasMessageContaining("checks.elf.arch-mismatch is 'fatal': use error, warning, info or off");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/amd64]\nchecks: {elf.wrong: off}\n"))
                .hasMessageContaining("checks has an unknown check 'elf.wrong'");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/amd64]\nsmoke: [{name: a, timeout: soon}]\n"))
                .hasMessageContaining("smoke[0].timeout is 'soon'");
        assertThatThrownBy(() -> parse("version: 1\nplatforms: [linux/amd64]\n")).hasMessageContaining("either build");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/amd64]\nsmoke: [{expect: {stdout: '(('}}]\n"))
                .hasMessageContaining("smoke[0].expect.stdout is not a valid regular expression");
    }

    @Test
    void aMissingFileNamesTheFix() {
        assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/archgate.yml")))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageContaining("does not exist").hasMessageContaining("--config");
    }

    @Test
    void checkFlagsMergeOverTheFileAndAreValidatedTheSameWay() {
        var merged = CheckLevels.merge(java.util.Map.of(Check.POLICY_ROOT_USER, CheckLevel.WARNING),
                java.util.Map.of("policy.root-user", "off", "elf.arm-level", "warning"));
        assertThat(merged).containsEntry(Check.POLICY_ROOT_USER, CheckLevel.OFF).containsEntry(Check.ELF_ARM_LEVEL, CheckLevel.WARNING);
        assertThatThrownBy(() -> CheckLevels.merge(java.util.Map.of(), java.util.Map.of("elf.arch-mismatch", "loud")))
                .hasMessage("--check elf.arch-mismatch is 'loud': use error, warning, info or off");
    }

    @Test
    void checksThatSayAPlatformWasNotCheckedCannotBeSwitchedOff() {
        // Catches: platform.missing: off, which gave a platform the image lacks a pass.
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/amd64]\nchecks: {platform.missing: off}\n"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessage("checks.platform.missing cannot be off: it is how archgate says a platform was not checked; "
                        + "remove a platform you do not require from platforms instead");
        assertThatThrownBy(() -> CheckLevels.merge(java.util.Map.of(), java.util.Map.of("platform.label-mismatch", "off")))
                .hasMessageStartingWith("--check platform.label-mismatch cannot be off");
        assertThatThrownBy(() -> CheckLevels.merge(java.util.Map.of(), java.util.Map.of("emulation.missing", "off")))
                .hasMessageStartingWith("--check emulation.missing cannot be off");
        // Lowering stays allowed: the verdict still needs the platform checked (PlatformVerdictTest).
        assertThat(CheckLevels.merge(java.util.Map.of(), java.util.Map.of("platform.label-mismatch", "warning")))
                .containsEntry(Check.PLATFORM_LABEL_MISMATCH, CheckLevel.WARNING);
    }

    @Test
    void machinesNameTheBuilderAndAnEnginePerPlatformWithItsTls() {
        GateSpec spec = parse("""
                version: 1
                build: {context: ., builder: fleet}
                platforms: [linux/amd64, linux/arm64, linux/s390x]
                engines:
                  linux/arm64: tcp://arm-host:2376
                  s390x: {host: "tcp://${REGISTRY}:2376", tls-verify: true, cert-path: certs/z}
                """);

        assertThat(spec.machines().builder()).isEqualTo("fleet");
        assertThat(spec.machines().engines()).containsEntry(Platform.parse("linux/arm64"), EngineEndpoint.of("tcp://arm-host:2376"))
                .containsEntry(Platform.parse("linux/s390x"), new EngineEndpoint("tcp://registry.example.com:2376", true, BASE.resolve("certs/z")))
                .doesNotContainKey(Platform.parse("linux/amd64"));
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/amd64]\nengines: {linux/arm64: arm-host}\n"))
                .hasMessageContaining("'arm-host' is not one docker understands");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/amd64]\nengines: {linux/arm64: {tls: true}}\n"))
                .hasMessageContaining("unknown key 'engines.linux/arm64.tls'");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/amd64]\nengines: {sparc: tcp://h:2376}\n"))
                .hasMessageContaining("engines: unknown platform 'sparc'");
    }

    @Test
    void emulationCpuNamesAModelPerPlatformAndLaterEntriesWin() {
        GateSpec spec = parse("version: 1\nimage: x\nplatforms: [linux/amd64, linux/arm64]\n"
                + "emulation: {cpu: {aarch64: cortex-a72, linux/amd64: 'Haswell,-pcid'}}\n");
        assertThat(spec.emulationCpu()).containsEntry(dev.archgate.platform.Platform.parse("linux/arm64"), "cortex-a72")
                .containsEntry(dev.archgate.platform.Platform.parse("linux/amd64"), "Haswell,-pcid");
        SpecDraft draft = loader.parse("version: 1\nimage: x\nplatforms: [linux/arm64]\nemulation: {cpu: {linux/arm64: cortex-a72}}\n",
                "archgate.yml", BASE);
        assertThat(draft.withEmulationCpu(CpuOverride.all(java.util.Map.of("linux/arm64", "neoverse-n1"), "--emulation-cpu"))
                .toSpec().emulationCpu()).containsExactlyEntriesOf(java.util.Map.of(dev.archgate.platform.Platform.parse("linux/arm64"), "neoverse-n1"));
        assertThat(parse("version: 1\nimage: x\nplatforms: [linux/amd64]\n").emulationCpu()).isEmpty();
    }

    @Test
    void aBadEmulationCpuEntryIsOneSentenceNamingTheKey() {
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/arm64]\nemulation: {cpu: {linux/sparc: max}}\n"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageStartingWith("emulation.cpu: ").hasMessageContaining("linux/sparc");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/arm64]\nemulation: {cpu: {linux/arm64: 'cortex a72; rm'}}\n"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageContaining("is not a QEMU CPU model")
                .hasMessageContaining("qemu-aarch64-static -cpu help").hasMessageContaining("linux/arm64: cortex-a72");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/arm64]\nemulation: {cpu: [cortex-a72]}\n"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageContaining("emulation.cpu must be a mapping");
    }

    @Test
    void hardwareNamesEachPlatformsPageSizeAndOldestCpu() {
        GateSpec spec = parse("version: 1\nimage: x\nplatforms: [linux/arm64, linux/s390x]\n"
                + "hardware: {page-size: {linux/arm64: 16k}, cpu: {aarch64: cortex-a72, linux/s390x: z14}}\n");
        dev.archgate.platform.Platform arm64 = dev.archgate.platform.Platform.parse("linux/arm64");
        dev.archgate.platform.Platform s390x = dev.archgate.platform.Platform.parse("linux/s390x");
        assertThat(spec.hardware().pageSize()).containsExactlyEntriesOf(java.util.Map.of(arm64, 16384L));
        // cortex-a72 is an ARMv8.0 core (no LSE) and a QEMU 7.2 model; z14 is judged as z14 and emulated as QEMU's TCG model
        assertThat(spec.hardware().baseline(arm64)).isEqualTo(new dev.archgate.platform.CpuBaseline("ARMv8.0-A (cortex-a72)", "cortex-a72", 80));
        assertThat(spec.hardware().baseline(s390x).rank()).isEqualTo(14);
        assertThat(spec.hardware().baseline(s390x).qemuCpu()).isEqualTo("qemu");
        assertThat(parse("version: 1\nimage: x\nplatforms: [linux/arm64]\n").hardware()).isEqualTo(HardwarePolicy.NONE);
    }

    @Test
    void aBadHardwareEntryIsOneSentenceNamingTheKeyAndWhatIsAccepted() {
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/arm64]\nhardware: {page-size: {linux/arm64: 8k}}\n"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessage("hardware.page-size: '8k' for linux/arm64 is not a page size Linux uses: give 4k, 16k or 64k");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/arm64]\nhardware: {cpu: {linux/arm64: cortex-x1}}\n"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageStartingWith("hardware.cpu: 'cortex-x1' for linux/arm64 is not a CPU archgate knows")
                .hasMessageContaining("cortex-a72");
        assertThatThrownBy(() -> parse("version: 1\nimage: x\nplatforms: [linux/arm64]\nhardware: {speed: fast}\n"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageContaining("hardware.speed");
    }

    @Test
    void policyLimitsAreSizesInEitherUnitWithWastedBytesDefaultingToTenMiB() {
        GateSpec spec = loader.parse("version: 1\nimage: x\nplatforms: [linux/amd64]\npolicy: {size-budget: 150MiB, wasted-bytes: 1.5GB}\n",
                "archgate.yml", BASE).toSpec();
        assertThat(spec.policy().sizeBudget()).isEqualTo(150L * 1024 * 1024);
        assertThat(spec.policy().wastedBytes()).isEqualTo(1_500_000_000L);

        GateSpec defaults = loader.parse("version: 1\nimage: x\nplatforms: [linux/amd64]\n", "archgate.yml", BASE).toSpec();
        assertThat(defaults.policy().sizeBudget()).isNull();
        assertThat(defaults.policy().wastedBytes()).isEqualTo(10L * 1024 * 1024);

        // A flag's budget replaces the file's and keeps its wasted-bytes.
        SpecDraft fromFile = loader.parse("version: 1\nimage: x\nplatforms: [linux/amd64]\npolicy: {size-budget: 1GiB, wasted-bytes: 5MiB}\n",
                "archgate.yml", BASE);
        GateSpec flagged = fromFile.withPolicy(PolicyLimits.sizeBudget(10_000)).toSpec();
        assertThat(flagged.policy()).isEqualTo(new PolicyLimits(10_000L, 5L * 1024 * 1024));
    }

    @Test
    void aPolicyValueThatIsNotASizeOrAnUnknownPolicyKeyIsRefusedByName() {
        assertThatThrownBy(() -> loader.parse("version: 1\nimage: x\nplatforms: [linux/amd64]\npolicy: {size-budget: huge}\n", "archgate.yml", BASE))
                .hasMessage("policy.size-budget is 'huge': write a size such as 150MiB, 200MB, 1.5GiB or a number of bytes");
        assertThatThrownBy(() -> loader.parse("version: 1\nimage: x\nplatforms: [linux/amd64]\npolicy: {size-budget: 0}\n", "archgate.yml", BASE))
                .hasMessage("policy.size-budget is '0': give a size above zero, such as 150MiB");
        assertThatThrownBy(() -> loader.parse("version: 1\nimage: x\nplatforms: [linux/amd64]\npolicy: {max-size: 1GiB}\n", "archgate.yml", BASE))
                .hasMessageStartingWith("unknown key 'policy.max-size': allowed under policy are size-budget, wasted-bytes");
    }
}
