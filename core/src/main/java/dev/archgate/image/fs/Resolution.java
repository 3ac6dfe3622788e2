package dev.archgate.image.fs;

/**
 * The outcome of following a path through symlinks: the entry reached, or what broke on the way
 * (in words for a finding: "/lib/ld-linux-aarch64.so.1 does not exist").
 */
public record Resolution(String requested, FileFacts facts, String problem) {
    static Resolution found(String requested, FileFacts facts) {
        return new Resolution(requested, facts, null);
    }

    static Resolution missing(String requested, String brokenAt) {
        String target = PathNames.normalize(requested);
        String why = brokenAt.equals(target) ? brokenAt + " does not exist"
                : target.startsWith(brokenAt + "/") ? target + " does not exist (there is no " + brokenAt + ")"
                : requested + " leads to " + brokenAt + ", which does not exist";
        return new Resolution(requested, null, why);
    }

    static Resolution loop(String requested, String at) {
        return new Resolution(requested, null, requested + " goes through more than " + MergedFilesystem.MAX_HOPS
                + " symlinks (a loop at " + at + ")");
    }

    static Resolution notOnPath(String command, String path) {
        return new Resolution(command, null, command + " is not in any directory of PATH (" + path + ")");
    }

    public boolean found() {
        return facts != null;
    }
}
