package dev.archgate.image.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.image.model.ImageConfig;
import dev.archgate.image.stream.ReadLimits;
import dev.archgate.testing.TarLayer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Overlay rules and symlink resolution over layers written as real tar streams. */
class MergedFilesystemTest {

    private static MergedFilesystem merge(TarLayer... layers) throws IOException {
        List<List<LayerChange>> changes = new java.util.ArrayList<>();
        for (TarLayer l : layers) {
            changes.add(LayerReader.read(new ByteArrayInputStream(l.bytes()), "sha256:test", ReadLimits.perImage()));
        }
        return MergedFilesystem.merge(changes);
    }

    @Test
    void aWhiteoutDeletesTheLowerPathAndEverythingUnderIt() throws IOException {
        MergedFilesystem fs = merge(
                new TarLayer().dir("etc").file("etc/app.conf", 0644, "a").dir("opt/tool").file("opt/tool/bin", 0755, "x"),
                new TarLayer().file("etc/.wh.app.conf", 0644, "").file("opt/.wh.tool", 0644, ""));

        assertThat(fs.entry("/etc/app.conf")).isEmpty();
        assertThat(fs.entry("/etc")).isPresent();
        assertThat(fs.entry("/opt/tool")).isEmpty();
        assertThat(fs.entry("/opt/tool/bin")).isEmpty();
        assertThat(fs.all()).extracting(FileFacts::path).noneMatch(p -> p.contains(".wh."));
    }

    @Test
    void anOpaqueDirectoryHidesLowerContentsButKeepsItsOwnLayers() throws IOException {
        MergedFilesystem fs = merge(
                new TarLayer().dir("app").file("app/old.sh", 0755, "#!/bin/sh\n").file("app/keep", 0644, "k"),
                new TarLayer().dir("app").file("app/.wh..wh..opq", 0644, "").file("app/new.sh", 0755, "#!/bin/sh\n"));

        assertThat(fs.entry("/app/old.sh")).isEmpty();
        assertThat(fs.entry("/app/keep")).isEmpty();
        assertThat(fs.entry("/app/new.sh")).isPresent();
    }

    @Test
    void upperLayersWinAndAFileOverADirectoryHidesItsContents() throws IOException {
        MergedFilesystem fs = merge(
                new TarLayer().file("app", 0644, "v1").dir("data").file("data/x", 0644, "x"),
                new TarLayer().file("app", 0755, "#!/bin/sh\nv2").file("data", 0644, "now a file"));

        assertThat(fs.entry("/app").orElseThrow().isExecutable()).isTrue();
        assertThat(fs.entry("/app").orElseThrow().shebang()).isEqualTo("#!/bin/sh");
        assertThat(fs.entry("/data").orElseThrow().type()).isEqualTo(FileFacts.Type.FILE);
        assertThat(fs.entry("/data/x")).isEmpty();
    }

    @Test
    void aSymlinkToADeletedTargetNoLongerResolves() throws IOException {
        MergedFilesystem fs = merge(
                new TarLayer().dir("usr/bin").file("usr/bin/python3.11", 0755, "bin").symlink("usr/bin/python3", "python3.11"),
                new TarLayer().file("usr/bin/.wh.python3.11", 0644, ""));

        assertThat(fs.entry("/usr/bin/python3")).isPresent();
        Resolution r = fs.resolve("/usr/bin/python3");
        assertThat(r.found()).isFalse();
        assertThat(r.problem()).isEqualTo("/usr/bin/python3 leads to /usr/bin/python3.11, which does not exist");
    }

    @Test
    void symlinksResolveRelativeAbsoluteThroughDirectoriesAndNeverAboveRoot() throws IOException {
        MergedFilesystem fs = merge(new TarLayer()
                .dir("usr/lib/aarch64-linux-gnu").file("usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1", 0755, "elf")
                .symlink("lib", "usr/lib")
                .dir("lib64").symlink("lib64/ld.so", "../../../../lib/aarch64-linux-gnu/ld-linux-aarch64.so.1")
                .symlink("bin", "/usr/bin").dir("usr/bin").file("usr/bin/busybox", 0755, "bb").symlink("usr/bin/sh", "./busybox")
                .symlink("loop/a", "b").symlink("loop/b", "a"));

        assertThat(fs.resolve("/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1").facts().path()).isEqualTo("/usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1");
        assertThat(fs.resolve("/lib64/ld.so").facts().path()).isEqualTo("/usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1");
        assertThat(fs.which("sh", "/usr/local/bin:/bin").facts().path()).isEqualTo("/usr/bin/busybox");
        Resolution loop = fs.resolve("/loop/a");
        assertThat(loop.found()).isFalse();
        assertThat(loop.problem()).contains("more than 40 symlinks");
        assertThat(fs.which("python3", "/usr/bin:/bin").problem()).isEqualTo("python3 is not in any directory of PATH (/usr/bin:/bin)");
    }

    @Test
    void aHardLinkCarriesItsTargetsFactsAndCrlfShebangsKeepTheirCarriageReturn() throws IOException {
        MergedFilesystem fs = merge(new TarLayer().file("bin/tool", 0755, "#!/bin/sh\r\necho\r\n").hardlink("bin/tool2", "bin/tool")
                .file("notes.txt", 0644, "plain words\n").file("blob.bin", 0644, "\u0000\u0001binary"));

        assertThat(fs.entry("/bin/tool2").orElseThrow().shebang()).isEqualTo("#!/bin/sh\r");
        assertThat(fs.entry("/bin/tool2").orElseThrow().isExecutable()).isTrue();
        assertThat(fs.entry("/notes.txt").orElseThrow().text()).isTrue();
        assertThat(fs.entry("/blob.bin").orElseThrow().text()).isFalse();
    }

    @Test
    void resolutionThatClimbsAboveRootStaysAtRootLikeAChroot() throws IOException {
        MergedFilesystem fs = merge(new TarLayer().dir("bin").file("bin/sh", 0755, "sh")
                .symlink("opt/escape", "../../../../../bin/sh").symlink("opt/abs", "/../../bin/sh"));

        assertThat(fs.resolve("/opt/escape").facts().path()).isEqualTo("/bin/sh");
        assertThat(fs.resolve("/opt/abs").facts().path()).isEqualTo("/bin/sh");
        assertThat(fs.resolve("/../../../bin/sh").facts().path()).isEqualTo("/bin/sh");
    }

    @Test
    void dotDotAfterADirectorySymlinkClimbsFromItsTargetAsTheKernelDoes() throws IOException {
        MergedFilesystem fs = merge(new TarLayer().dir("usr/lib/app").file("usr/lib/tool", 0755, "t").symlink("app", "usr/lib/app"));

        // Lexically "/app/../tool" would be "/tool", which does not exist.
        assertThat(fs.resolve("/app/../tool").facts().path()).isEqualTo("/usr/lib/tool");
    }

    @Test
    void pathLookupTakesTheFirstExecutableAndElseReportsTheFileItFound() throws IOException {
        MergedFilesystem fs = merge(new TarLayer().dir("usr/local/bin").file("usr/local/bin/app", 0644, "#!/bin/sh\n")
                .dir("usr/bin").file("usr/bin/app", 0755, "#!/bin/sh\n").file("usr/bin/data", 0644, "x"));

        assertThat(fs.which("app", "/usr/local/bin:/usr/bin").facts().path()).isEqualTo("/usr/bin/app");
        assertThat(fs.which("data", "/usr/local/bin:/usr/bin").facts().isExecutable()).isFalse();
        assertThat(fs.which("app", ImageConfig.DEFAULT_PATH).found()).isTrue();
    }

    @Test
    void ownersAndHardLinksAreKeptAsFacts() throws IOException {
        MergedFilesystem fs = merge(new TarLayer().owned("srv/app", 1000, 1001).hardlink("srv/app-link", "./srv/app"));

        FileFacts link = fs.entry("/srv/app-link").orElseThrow();
        assertThat(link.uid()).isEqualTo(1000);
        assertThat(link.gid()).isEqualTo(1001);
        assertThat(link.hardLinkOf()).isEqualTo("/srv/app");
        assertThat(fs.entry("/srv/app").orElseThrow().hardLinkOf()).isNull();
    }

    @Test
    void aHardLinkInAnUpperLayerToALowerFileAndTheLowerDeletedLater() throws IOException {
        MergedFilesystem fs = merge(new TarLayer().file("bin/busybox", 0755, "#!/bin/sh\n"),
                new TarLayer().hardlink("bin/sh", "bin/busybox"),
                new TarLayer().file("bin/.wh.busybox", 0644, ""));

        // One file with two names: deleting one name leaves the other with the same content.
        assertThat(fs.entry("/bin/busybox")).isEmpty();
        assertThat(fs.resolve("/bin/sh").facts().shebang()).isEqualTo("#!/bin/sh");
    }

    @Test
    void anOpaqueDirectoryAtTheRootOfALayerAndAWhiteoutOfAWholeTree() throws IOException {
        MergedFilesystem fs = merge(new TarLayer().dir("usr/share/doc").file("usr/share/doc/a", 0644, "a").file("etc/x", 0644, "x"),
                new TarLayer().file("usr/.wh.share", 0644, "").file("./etc/.wh..wh..opq", 0644, "").file("etc/y", 0644, "y"));

        assertThat(fs.all()).extracting(FileFacts::path).containsExactly("/", "/etc/y");
    }
}
