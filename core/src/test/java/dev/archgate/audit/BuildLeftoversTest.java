package dev.archgate.audit;

import static dev.archgate.image.fs.LayeredFilesystems.elfProgram;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Finding;
import dev.archgate.image.fs.LayeredFilesystems;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.PathSizes;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Toolchains recognised by their programs' layout, caches by their tools' directories, each with its size. */
class BuildLeftoversTest {
    private static List<Finding> check(MergedFilesystem fs) {
        return BuildLeftovers.check(fs, PathSizes.of(fs), PathGlobs.none());
    }

    @Test
    void aGoToolchainIsItsGoCommandBesideItsCompilerTreeWhereverItIsInstalled() throws IOException {
        MergedFilesystem fs = LayeredFilesystems.of(l -> l
                .file("opt/sdk/golang/bin/go", 0755, elfProgram(4000))
                .file("opt/sdk/golang/pkg/tool/linux_arm64/compile", 0755, elfProgram(20_000))
                .file("opt/sdk/golang/src/fmt/print.go", 0644, "package fmt\n")
                .file("root/.cache/go-build/ab/abcdef-d", 0644, new byte[3000])
                .file("root/.cache/go-build/trim.txt", 0644, "1\n"));

        List<Finding> f = check(fs);
        assertThat(f).extracting(Finding::path).containsExactly("/opt/sdk/golang", "/root/.cache/go-build");
        assertThat(f).extracting(x -> x.check().id()).containsOnly("policy.build-toolchain");
        assertThat(f.get(0).message()).contains("Go toolchain").contains("23.4 KiB").contains("COPY --from");
        assertThat(f.get(1).message()).contains("Go build cache").contains("2.9 KiB");
    }

    @Test
    void aProgramThatIsOnlyNamedLikeACompilerIsNotAToolchain() throws IOException {
        MergedFilesystem fs = LayeredFilesystems.of(l -> l
                .file("usr/local/bin/go", 0755, elfProgram(500))     // a launcher called go, no compiler tree
                .file("app/bin/javac", 0644, "not executable")
                .file("srv/cc1", 0755, "#!/bin/sh\necho not a compiler\n"));
        assertThat(check(fs)).isEmpty();
    }

    @Test
    void jdkGccAndRustAreRecognisedByJavacCc1AndRustc() throws IOException {
        MergedFilesystem fs = LayeredFilesystems.of(l -> l
                .file("usr/lib/jvm/java-17/bin/javac", 0755, elfProgram(100))
                .file("usr/lib/jvm/java-17/lib/modules", 0644, new byte[5000])
                .file("usr/libexec/gcc/x86_64-linux-gnu/12/cc1", 0755, elfProgram(7000))
                .file("usr/local/rustup/toolchains/stable/bin/rustc", 0755, elfProgram(300))
                .file("usr/bin/cargo", 0755, elfProgram(900))
                .file("root/.m2/repository/org/x/x-1.jar", 0644, new byte[100]));

        assertThat(check(fs)).extracting(Finding::path).containsExactlyInAnyOrder("/usr/lib/jvm/java-17",
                "/usr/libexec/gcc/x86_64-linux-gnu/12", "/usr/local/rustup/toolchains/stable", "/usr/bin/cargo", "/root/.m2/repository");
    }

    @Test
    void packageCachesNeedContentAnEmptyAptDirectoryIsClean() throws IOException {
        MergedFilesystem clean = LayeredFilesystems.of(l -> l
                .file("var/lib/apt/lists/lock", 0640, "").dir("var/lib/apt/lists/partial").file("var/cache/apt/archives/lock", 0640, ""));
        assertThat(check(clean)).isEmpty();

        MergedFilesystem left = LayeredFilesystems.of(l -> l
                .file("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4", 0644, new byte[4096])
                .file("var/cache/apk/APKINDEX.tar.gz", 0644, new byte[10])
                .file("home/app/.cache/pip/http/a/b", 0644, new byte[10])
                .file("root/.npm/_cacache/index-v5/aa", 0644, new byte[10]));
        List<Finding> f = check(left);
        assertThat(f).extracting(x -> x.check().id()).containsOnly("policy.package-cache");
        assertThat(f).extracting(Finding::path).containsExactlyInAnyOrder("/var/lib/apt/lists", "/var/cache/apk", "/home/app/.cache/pip",
                "/root/.npm/_cacache");
        assertThat(f.stream().filter(x -> x.path().equals("/var/lib/apt/lists")).findFirst().orElseThrow().message())
                .contains("4.0 KiB").contains("rm -rf /var/lib/apt/lists/*");
    }

    @Test
    void ignoredPathsAreLeftAlone() throws IOException {
        MergedFilesystem fs = LayeredFilesystems.of(l -> l.file("var/lib/apt/lists/x_Packages", 0644, new byte[100]));
        assertThat(BuildLeftovers.check(fs, PathSizes.of(fs), new PathGlobs(List.of("/var/lib/apt/**", "/var/lib/apt/lists")))).isEmpty();
    }
}
