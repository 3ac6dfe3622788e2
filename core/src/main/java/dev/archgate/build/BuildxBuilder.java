package dev.archgate.build;

import dev.archgate.platform.Platform;
import dev.archgate.platform.UnknownPlatformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A buildx builder as {@code docker buildx inspect} describes it: its driver and, per node, the
 * platforms that node's BuildKit says it can build (natively or through the emulators it found).
 */
public record BuildxBuilder(String name, String driver, List<Node> nodes) {
    public BuildxBuilder {
        Objects.requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
    }

    /** One BuildKit node: where it runs and what it builds. */
    public record Node(String name, String endpoint, List<Platform> platforms) {
        public Node {
            platforms = List.copyOf(platforms);
        }
    }

    /**
     * Whether some node offers the platform's architecture. Variants are not compared: one ARM
     * emulator builds every ARM variant, and BuildKit leaves some out of its list (the docker
     * driver lists no linux/arm/v7 even where arm/v7 builds work).
     */
    public boolean offers(Platform p) {
        return nodes.stream().flatMap(n -> n.platforms().stream())
                .anyMatch(o -> o.os().equals(p.os()) && o.architecture().equals(p.architecture()));
    }

    /**
     * Whether the builder runs its builds on the engine of this machine (the docker driver, or a
     * BuildKit container on the local engine), so this machine's QEMU handlers are the builder's.
     */
    public boolean onThisMachine() {
        return ("docker".equals(driver) || "docker-container".equals(driver)) && nodes.stream()
                .allMatch(n -> n.endpoint() == null || n.endpoint().equals("default") || n.endpoint().startsWith("unix://"));
    }

    /** Every platform the nodes list, for messages. */
    public List<String> listed() {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> n.platforms().forEach(p -> {
            if (!out.contains(p.toString())) {
                out.add(p.toString());
            }
        }));
        return out;
    }

    /** Parses the text of {@code docker buildx inspect}: a header about the builder, then one block per node. */
    public static BuildxBuilder parse(String text) {
        String name = null;
        String driver = null;
        List<Node> nodes = new ArrayList<>();
        String nodeName = null;
        String endpoint = null;
        boolean inNodes = false;
        for (String line : text.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.startsWith(" ")) {
                continue; // labels and other indented details
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "Name" -> {
                    if (!inNodes) {
                        name = value;
                    } else {
                        nodeName = value;
                        endpoint = null;
                    }
                }
                case "Driver" -> driver = value;
                case "Nodes" -> inNodes = true;
                case "Endpoint" -> endpoint = value;
                case "Platforms" -> nodes.add(new Node(nodeName, endpoint, platforms(value)));
                default -> { }
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("not the output of docker buildx inspect");
        }
        return new BuildxBuilder(name, driver, nodes);
    }

    private static List<Platform> platforms(String list) {
        List<Platform> out = new ArrayList<>();
        for (String p : list.split(",")) {
            // strip "*" (platforms the user pinned with --platform at create time)
            String t = p.trim().replace("*", "");
            if (t.isEmpty()) {
                continue;
            }
            try {
                out.add(Platform.parse(t));
            } catch (UnknownPlatformException e) {
                // an architecture archgate does not gate (mips64, loong64 spellings it lacks): not needed here
            }
        }
        return out;
    }
}
