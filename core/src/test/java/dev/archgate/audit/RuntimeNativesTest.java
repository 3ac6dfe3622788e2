package dev.archgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.elf.ElfSamples;
import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.Severity;
import dev.archgate.image.fs.ImageFiles;
import dev.archgate.platform.Platform;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Natives loaded at run time, judged as their loaders choose. Sources of truth, all real: Debian
 * 12's python3-yaml (_yaml.cpython-311-TRIPLET.so, WHEEL "Tag: cp311-cp311-linux_x86_64" or
 * "linux_arm64"), python3-cryptography (_rust.abi3.so) and node-iconv (build/Release/iconv.node)
 * of amd64 and arm64, Debian's musl (ld-musl-x86_64.so.1); npm's classic-level 3.0.0 (prebuilds
 * for linux-x64 glibc and musl, linux-arm64 armv8, linux-arm armv6/armv7, android, darwin, win32)
 * and bufferutil 4.1.0 (linux-x64 only among Linux prebuilds); Maven Central's sqlite-jdbc
 * 3.46.1.3 (org/sqlite/native/Linux/, Linux-Musl/, Linux-Android/, FreeBSD/; "ppc64" is its name for
 * ppc64le, OSInfo's archMapping), rocksdbjni 9.7.3 (librocksdbjni-linux64.so, -linux64-musl.so,
 * -linux-aarch64.so, -linux-ppc64le.so, ...) and
 * netty-transport-native-epoll 4.1.115.Final's linux-x86_64 and linux-aarch_64 classifier jars.
 * The loaders' rules are read from CPython's import machinery (EXTENSION_SUFFIXES) and
 * node-gyp-build.js.
 */
class RuntimeNativesTest {
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final String DIST = "usr/lib/python3/dist-packages/";

    private static byte[] deb(String arch, String pkg, String path) throws Exception {
        return Files.readAllBytes(ElfSamples.debian(arch, pkg, path));
    }

    /** A Debian variant of {@code arch}: its glibc, which tells the checks the C library. */
    private static ImageFiles debianBase(String arch, String triplet) throws Exception {
        return new ImageFiles().file("lib/" + triplet + "/libc.so.6", 0755, deb(arch, "libc6", "lib/" + triplet + "/libc.so.6"));
    }

    private static ImageFiles muslBase() throws Exception {
        return new ImageFiles().file("lib/x86_64-linux-musl/libc.so", 0755, deb("amd64", "musl", "lib/x86_64-linux-musl/libc.so"))
                .symlink("lib/ld-musl-x86_64.so.1", "x86_64-linux-musl/libc.so").file("etc/alpine-release", 0644, "3.20.0\n");
    }

    private static List<Finding> audit(Platform p, ImageFiles files) {
        return RuntimeNatives.check(p, files.merged(), PathGlobs.none()).findings();
    }

    private static Finding only(List<Finding> findings, String path) {
        List<Finding> of = findings.stream().filter(f -> path.equals(f.path())).toList();
        assertThat(of).as("findings on %s among %s", path, findings).hasSize(1);
        return of.get(0);
    }

    @Test
    void anAmd64Abi3ModuleInTheArm64DistPackagesIsAnErrorSincePythonPicksItAndItsWheelAWarning() throws Exception {
        String rust = DIST + "cryptography/hazmat/bindings/_rust.abi3.so";
        String wheel = DIST + "cryptography-38.0.4.dist-info/WHEEL";
        List<Finding> findings = audit(ARM64, debianBase("arm64", "aarch64-linux-gnu").file(rust, 0644, deb("amd64", "python3-cryptography", rust))
                .file(wheel, 0644, deb("amd64", "python3-cryptography", wheel)));
        Finding module = only(findings, "/" + rust);
        assertThat(module.check()).isEqualTo(Check.NATIVE_PYTHON_MODULE);
        assertThat(module.severity()).isEqualTo(Severity.ERROR);
        assertThat(module.message()).startsWith("import fails on linux/arm64: Python picks this module").contains("abi3").contains("x86-64 code");
        Finding w = only(findings, "/" + wheel);
        assertThat(w.severity()).isEqualTo(Severity.WARNING);
        assertThat(w.message()).startsWith("cryptography-38.0.4 is another platform's build").contains("a wheel for linux_x86_64");
    }

    @Test
    void aVirtualenvCopiedFromAnotherPlatformListsTwentyModulesAndCountsTheRest() throws Exception {
        byte[] rust = deb("amd64", "python3-cryptography", DIST + "cryptography/hazmat/bindings/_rust.abi3.so");
        ImageFiles venv = debianBase("arm64", "aarch64-linux-gnu");
        for (int i = 0; i < 25; i++) {
            venv.file("opt/venv/lib/python3.11/site-packages/pkg" + i + "/_native.abi3.so", 0644, rust);
        }
        RuntimeNatives.Result r = RuntimeNatives.check(ARM64, venv.merged(), PathGlobs.none());
        assertThat(r.findings()).hasSize(21).allMatch(f -> f.severity() == Severity.ERROR);
        assertThat(r.findings().get(20).message()).isEqualTo("and 5 more files like these (25 in all)");
        assertThat(r.judged()).hasSize(25);
    }

    @Test
    void anAmd64TaggedModuleIsAWarningAloneAndANoteBesideTheArm64One() throws Exception {
        String amd = DIST + "yaml/_yaml.cpython-311-x86_64-linux-gnu.so";
        String arm = DIST + "yaml/_yaml.cpython-311-aarch64-linux-gnu.so";
        ImageFiles alone = debianBase("arm64", "aarch64-linux-gnu").file(amd, 0644, deb("amd64", "python3-yaml", amd));
        Finding warning = only(audit(ARM64, alone), "/" + amd);
        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
        assertThat(warning.message()).startsWith("no module _yaml for linux/arm64");

        ImageFiles both = debianBase("arm64", "aarch64-linux-gnu").file(amd, 0644, deb("amd64", "python3-yaml", amd))
                .file(arm, 0644, deb("arm64", "python3-yaml", arm));
        Finding note = only(audit(ARM64, both), "/" + amd);
        assertThat(note.severity()).isEqualTo(Severity.INFO);
        assertThat(note.message()).contains("imports /" + arm);
    }

    @Test
    void debiansOwnPythonPackagesOfTheVariantGiveNothing() throws Exception {
        String arm = DIST + "yaml/_yaml.cpython-311-aarch64-linux-gnu.so";
        String wheel = DIST + "PyYAML-6.0.dist-info/WHEEL";
        assertThat(audit(ARM64, debianBase("arm64", "aarch64-linux-gnu").file(arm, 0644, deb("arm64", "python3-yaml", arm))
                .file(wheel, 0644, deb("arm64", "python3-yaml", wheel)))).isEmpty();
    }

    @Test
    void anAmd64BuildReleaseAddonIsAnErrorInArm64SinceTheLoaderTakesBuildReleaseFirst() throws Exception {
        String iconv = "usr/lib/x86_64-linux-gnu/nodejs/iconv/build/Release/iconv.node";
        String at = "app/node_modules/iconv/build/Release/iconv.node";
        Finding f = only(audit(ARM64, debianBase("arm64", "aarch64-linux-gnu").file(at, 0644, deb("amd64", "node-iconv", iconv))), "/" + at);
        assertThat(f.check()).isEqualTo(Check.NATIVE_NODE_ADDON);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).startsWith("require() fails on linux/arm64: node_modules/iconv loads this file").contains("build/Release comes first");
    }

    @Test
    void prebuildsForSeveralPlatformsGiveNoErrorOnGlibcArm64NorOnMuslAmd64() throws Exception {
        List<Finding> arm = audit(ARM64, RegistrySamples.npm(debianBase("arm64", "aarch64-linux-gnu"), "classic-level", "3.0.0",
                "app/node_modules/classic-level"));
        assertThat(arm).isNotEmpty().allMatch(f -> f.severity() == Severity.INFO);
        assertThat(only(arm, "/app/node_modules/classic-level/prebuilds/linux-x64/classic-level.node").message())
                .contains("loads /app/node_modules/classic-level/prebuilds/linux-arm64/classic-level.armv8.node");

        List<Finding> musl = audit(AMD64, RegistrySamples.npm(muslBase(), "classic-level", "3.0.0", "app/node_modules/classic-level"));
        assertThat(musl).allMatch(f -> f.severity() == Severity.INFO);
        assertThat(only(musl, "/app/node_modules/classic-level/prebuilds/linux-x64/classic-level.node").message())
                .contains("built on glibc").contains("loads /app/node_modules/classic-level/prebuilds/linux-x64/classic-level.musl.node");
    }

    @Test
    void aPackageWithLinuxX64PrebuildsOnlyIsAWarningOnArm64() throws Exception {
        List<Finding> findings = audit(ARM64, RegistrySamples.npm(debianBase("arm64", "aarch64-linux-gnu"), "bufferutil", "4.1.0",
                "app/node_modules/bufferutil"));
        Finding f = only(findings, "/app/node_modules/bufferutil/prebuilds/linux-x64/bufferutil.node");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).startsWith("no add-on for linux/arm64").contains("prebuilds/ has no linux-arm64 directory").contains("No native build was found");
        assertThat(findings).noneMatch(x -> x.severity() == Severity.ERROR);
    }

    @Test
    void nettysX8664ClassifierJarAloneInArm64IsAnErrorAndANoteBesideItsAarch64Twin() throws Exception {
        byte[] x86 = RegistrySamples.maven("io.netty", "netty-transport-native-epoll", "4.1.115.Final", "linux-x86_64");
        byte[] aarch = RegistrySamples.maven("io.netty", "netty-transport-native-epoll", "4.1.115.Final", "linux-aarch_64");
        String x86Jar = "app/lib/netty-transport-native-epoll-4.1.115.Final-linux-x86_64.jar";
        Finding alone = only(audit(ARM64, debianBase("arm64", "aarch64-linux-gnu").file(x86Jar, 0644, x86)), "/" + x86Jar);
        assertThat(alone.check()).isEqualTo(Check.NATIVE_JNI);
        assertThat(alone.severity()).isEqualTo(Severity.ERROR);
        assertThat(alone.message()).startsWith("UnsatisfiedLinkError on linux/arm64: this jar is the linux/amd64 build").contains("META-INF/native/libnetty_transport_native_epoll_x86_64.so");

        List<Finding> both = audit(ARM64, debianBase("arm64", "aarch64-linux-gnu").file(x86Jar, 0644, x86)
                .file("app/lib/netty-transport-native-epoll-4.1.115.Final-linux-aarch_64.jar", 0644, aarch));
        assertThat(only(both, "/" + x86Jar).severity()).isEqualTo(Severity.INFO);
        assertThat(both).hasSize(1);
        assertThat(audit(AMD64, debianBase("amd64", "x86_64-linux-gnu").file(x86Jar, 0644, x86))).isEmpty();
    }

    /** The message of the one finding on a jar added to {@code base}, which must be a note. */
    private static String note(Platform p, ImageFiles base, String jar, byte[] bytes) {
        Finding f = only(audit(p, base.file(jar, 0644, bytes)), "/" + jar);
        assertThat(f.severity()).as(f.message()).isEqualTo(Severity.INFO);
        return f.message();
    }

    @Test
    void sqliteJdbcCoversArm64GlibcAmd64MuslAndPpc64leFromItsOwnDirectories() throws Exception {
        byte[] sqlite = RegistrySamples.maven("org.xerial", "sqlite-jdbc", "3.46.1.3", null);
        String jar = "app/lib/sqlite-jdbc-3.46.1.3.jar";
        assertThat(note(ARM64, debianBase("arm64", "aarch64-linux-gnu"), jar, sqlite))
                .contains("loads org/sqlite/native/Linux/aarch64/libsqlitejdbc.so").doesNotContain("Android");
        assertThat(note(AMD64, muslBase(), jar, sqlite)).contains("loads org/sqlite/native/Linux-Musl/x86_64/libsqlitejdbc.so");
        assertThat(note(Platform.parse("linux/ppc64le"), debianBase("ppc64el", "powerpc64le-linux-gnu"), jar, sqlite))
                .contains("loads org/sqlite/native/Linux/ppc64/libsqlitejdbc.so");
    }

    @Test
    void rocksdbjniNamesItsLinuxBuildsByWordsOfItsFileNames() throws Exception {
        byte[] rocksdb = RegistrySamples.maven("org.rocksdb", "rocksdbjni", "9.7.3", null);
        String jar = "app/lib/rocksdbjni-9.7.3.jar";
        assertThat(note(ARM64, debianBase("arm64", "aarch64-linux-gnu"), jar, rocksdb)).contains("loads librocksdbjni-linux-aarch64.so")
                .contains("linux/amd64 (musl)");
        assertThat(note(AMD64, muslBase(), jar, rocksdb)).contains("loads librocksdbjni-linux64-musl.so");
    }
}
