package dev.archgate.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Gives the report files to the owner of the workspace. The action runs as root in its
 * container; on a self-hosted runner, files it leaves owned by root in the workspace make the next
 * {@code actions/checkout} fail to clean it.
 */
final class WorkspaceOwner {
    private WorkspaceOwner() {}

    /** {@code dir} and everything in it, and the directories between it and the workspace, get the workspace's uid and gid. */
    static void give(Path dir, Path workspace) throws IOException {
        if (!Files.isDirectory(workspace)) {
            return;
        }
        Object uid = Files.getAttribute(workspace, "unix:uid");
        Object gid = Files.getAttribute(workspace, "unix:gid");
        Path abs = dir.toAbsolutePath().normalize();
        if (!abs.startsWith(workspace) || abs.equals(workspace)) {
            return; // outside the workspace: not the checkout's to clean
        }
        List<Path> paths;
        try (Stream<Path> files = Files.walk(abs)) {
            paths = new java.util.ArrayList<>(files.toList());
        }
        for (Path p = abs.getParent(); p != null && !p.equals(workspace); p = p.getParent()) {
            paths.add(p);
        }
        for (Path p : paths) {
            if (!uid.equals(Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    || !gid.equals(Files.getAttribute(p, "unix:gid", java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
                Files.setAttribute(p, "unix:uid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
