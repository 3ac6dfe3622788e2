package dev.archgate.spec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The buildx settings of a build that change what is built or how, passed through as
 * {@code docker buildx build} names them: labels, annotations, secrets ({@code id=ID,src=PATH} or
 * {@code id=ID,env=VAR}, never a value), cache sources and destinations, the provenance and SBOM
 * attestations (null: buildx's default), {@code --no-cache} and {@code --pull}.
 */
public record BuildOptions(Map<String, String> labels, List<String> annotations, List<String> secrets, List<String> cacheFrom,
        List<String> cacheTo, String provenance, String sbom, boolean noCache, boolean pull) implements Serializable {
    public static final BuildOptions NONE = new BuildOptions(Map.of(), List.of(), List.of(), List.of(), List.of(), null, null, false, false);

    public BuildOptions {
        labels = Map.copyOf(labels);
        annotations = List.copyOf(annotations);
        secrets = List.copyOf(secrets);
        cacheFrom = List.copyOf(cacheFrom);
        cacheTo = List.copyOf(cacheTo);
    }

    /** The {@code docker buildx build} flags these settings make, in a fixed order. */
    public List<String> buildxFlags() {
        List<String> flags = new ArrayList<>();
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(l -> flags.addAll(List.of("--label", l.getKey() + "=" + l.getValue())));
        annotations.forEach(a -> flags.addAll(List.of("--annotation", a)));
        secrets.forEach(s -> flags.addAll(List.of("--secret", s)));
        cacheFrom.forEach(c -> flags.addAll(List.of("--cache-from", c)));
        cacheTo.forEach(c -> flags.addAll(List.of("--cache-to", c)));
        if (provenance != null) {
            flags.add("--provenance=" + provenance);
        }
        if (sbom != null) {
            flags.add("--sbom=" + sbom);
        }
        if (noCache) {
            flags.add("--no-cache");
        }
        if (pull) {
            flags.add("--pull");
        }
        return flags;
    }
}
