package dev.archgate.audit;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The user the container runs as, resolved the way the runtime does (runc's user lookup): a
 * numeric USER is taken as it is, passwd entry or not; a name must be in the image's /etc/passwd
 * (a group name in /etc/group), or the container does not start ("unable to find user"). Root is
 * uid 0, whatever USER calls it.
 */
final class UserChecks {
    private static final String ROOT_FIX = ": set USER to an unprivileged user";

    private UserChecks() {}

    static List<Finding> check(String user, MergedFilesystem fs) {
        List<Finding> out = new ArrayList<>();
        if (user.isEmpty()) {
            out.add(Finding.warning(Check.POLICY_ROOT_USER, null, "the container runs as root (no USER set)" + ROOT_FIX));
            return out;
        }
        int colon = user.indexOf(':');
        String name = colon < 0 ? user : user.substring(0, colon);
        String group = colon < 0 ? "" : user.substring(colon + 1);
        Accounts passwd = Accounts.read(fs, "/etc/passwd");
        OptionalInt uid = number(name);
        if (uid.isEmpty() && !name.isEmpty()) {
            Optional<Integer> known = passwd.idOf(name);
            if (passwd.readable() && known.isEmpty()) {
                out.add(Finding.error(Check.USER_MISSING, "/etc/passwd", "USER " + user + " names the user '" + name + "', which "
                        + passwd.describe() + ": the runtime refuses to start the container (unable to find user " + name
                        + "); create the user in the Dockerfile or give a numeric uid"));
            }
            uid = known.map(OptionalInt::of).orElse(name.equals("root") && !passwd.readable() ? OptionalInt.of(0) : OptionalInt.empty());
        }
        if (!group.isEmpty() && number(group).isEmpty()) {
            Accounts groups = Accounts.read(fs, "/etc/group");
            if (groups.readable() && groups.idOf(group).isEmpty()) {
                out.add(Finding.error(Check.USER_MISSING, "/etc/group", "USER " + user + " names the group '" + group + "', which "
                        + groups.describe() + ": the runtime refuses to start the container (unable to find group " + group
                        + "); create the group in the Dockerfile or give a numeric gid"));
            }
        }
        if (uid.isPresent() && uid.getAsInt() == 0) {
            out.add(Finding.warning(Check.POLICY_ROOT_USER, null, "the container runs as root (USER " + user
                    + (name.equals("0") || name.equals("root") ? "" : ", uid 0") + ")" + ROOT_FIX));
        }
        return out;
    }

    private static OptionalInt number(String s) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 10) {
            return OptionalInt.empty();
        }
        long v = Long.parseLong(s);
        return v <= Integer.MAX_VALUE ? OptionalInt.of((int) v) : OptionalInt.empty();
    }

    /**
     * An account database (/etc/passwd or /etc/group: name, password, id, ...). Unreadable when
     * it exists but its text was not kept (a symlink elsewhere, an oversized file): then nothing is
     * claimed about it.
     */
    private record Accounts(String path, boolean exists, String text) {
        static Accounts read(MergedFilesystem fs, String path) {
            Resolution r = fs.resolve(path);
            if (!r.found() || r.facts().type() != FileFacts.Type.FILE) {
                return new Accounts(path, false, null);
            }
            return new Accounts(path, true, r.facts().content());
        }

        boolean readable() {
            return !exists || text != null;
        }

        Optional<Integer> idOf(String name) {
            if (text == null) {
                return Optional.empty();
            }
            for (String line : text.split("\n")) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 3 && fields[0].equals(name)) {
                    OptionalInt id = number(fields[2].strip());
                    return Optional.of(id.isPresent() ? id.getAsInt() : -1);
                }
            }
            return Optional.empty();
        }

        String describe() {
            return exists ? "the image's " + path + " does not list" : "cannot be looked up: the image has no " + path;
        }
    }
}
