package dev.archgate.image.fs;

import java.util.ArrayDeque;
import java.util.Deque;

/** Absolute, normalised paths inside an image: "./usr/bin/" becomes "/usr/bin". */
public final class PathNames {
    private PathNames() {}

    /** Normalises a path as seen from the image root: ".." never climbs above "/". */
    public static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /**
     * Whether a layer entry's name (or a hard link's target) climbs above the image root with
     * "..", as "../../etc/cron.d/x" or "usr/../../x" do: Docker refuses such a layer as a
     * breakout. A leading "/" is not one: every unpacker reads names relative to the root.
     */
    static boolean climbsOutOfRoot(String name) {
        int depth = 0;
        for (String p : name.split("/")) {
            if (p.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!p.isEmpty() && !p.equals(".")) {
                depth++;
            }
        }
        return false;
    }

    public static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    public static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }
}
