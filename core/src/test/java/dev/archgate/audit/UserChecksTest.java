package dev.archgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Finding;
import dev.archgate.findings.Severity;
import dev.archgate.image.fs.LayeredFilesystems;
import dev.archgate.image.fs.MergedFilesystem;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** USER resolved as the runtime resolves it: numeric ids as they are, names through /etc/passwd and /etc/group. */
class UserChecksTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n";
    private static final String GROUP = "root:x:0:\nstaff:x:50:app\n";

    private static MergedFilesystem withAccounts() throws IOException {
        return LayeredFilesystems.of(l -> l.dir("etc").file("etc/passwd", 0644, PASSWD).file("etc/group", 0644, GROUP));
    }

    private static MergedFilesystem withoutAccounts() throws IOException {
        return LayeredFilesystems.of(l -> l.file("app", 0755, "x"));
    }

    private static List<String> ids(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).map(f -> f.check().id()).toList();
    }

    @Test
    void uidZeroIsRootWhateverUserCallsIt() throws IOException {
        MergedFilesystem fs = withAccounts();
        for (String user : List.of("", "0", "0:0", "root", "root:root", "toor", "0:staff")) {
            List<Finding> f = UserChecks.check(user, fs);
            assertThat(ids(f, Severity.WARNING)).as(user).containsExactly("policy.root-user");
            assertThat(ids(f, Severity.ERROR)).as(user).isEmpty();
        }
        assertThat(UserChecks.check("toor", fs).get(0).message()).contains("uid 0");
        assertThat(UserChecks.check("0", withoutAccounts())).extracting(x -> x.check().id()).containsExactly("policy.root-user");
    }

    @Test
    void unprivilegedUsersAndNumericIdsWithoutEntriesPass() throws IOException {
        assertThat(UserChecks.check("app", withAccounts())).isEmpty();
        assertThat(UserChecks.check("app:staff", withAccounts())).isEmpty();
        assertThat(UserChecks.check("1000:1000", withAccounts())).isEmpty();
        assertThat(UserChecks.check("65534", withoutAccounts())).isEmpty();
        assertThat(UserChecks.check("4242:4242", withAccounts())).isEmpty();
    }

    @Test
    void aNameThePasswdFileDoesNotListStopsTheContainerFromStarting() throws IOException {
        List<Finding> f = UserChecks.check("appuser", withAccounts());
        assertThat(ids(f, Severity.ERROR)).containsExactly("user.missing");
        assertThat(f.get(0).message()).contains("'appuser'").contains("does not list").contains("unable to find user appuser");

        // Without /etc/passwd no name resolves, not even root (runc: "no matching entries in passwd file").
        assertThat(ids(UserChecks.check("root", withoutAccounts()), Severity.ERROR)).containsExactly("user.missing");
        assertThat(UserChecks.check("nobody", withoutAccounts()).get(0).message()).contains("the image has no /etc/passwd");
    }

    @Test
    void aGroupNameTheGroupFileDoesNotListIsAlsoMissing() throws IOException {
        List<Finding> f = UserChecks.check("app:developers", withAccounts());
        assertThat(ids(f, Severity.ERROR)).containsExactly("user.missing");
        assertThat(f.get(0).path()).isEqualTo("/etc/group");
        assertThat(UserChecks.check("app:50", withAccounts())).isEmpty();
    }
}
