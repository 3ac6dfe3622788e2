package dev.archgate.action;

import dev.archgate.findings.Report;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs a docker/build-push-action user reads, under its names (its action.yml): {@code
 * imageid} (there the content of buildx's --iidfile, which for a pushed multi-platform image is the
 * index's digest), {@code metadata} (buildx's metadata JSON: {@code containerimage.digest} and
 * {@code image.name}), and archgate's {@code image}, the gated image as name@digest. Empty when
 * nothing was gated.
 */
final class BuildOutputs {
    private BuildOutputs() {}

    static Map<String, String> of(Report report) {
        Map<String, String> out = new LinkedHashMap<>();
        String digest = report == null ? null : report.digest();
        String name = report == null || report.image() == null ? null : repository(report.image());
        out.put("imageid", digest == null ? "" : digest);
        out.put("image", digest == null || name == null ? "" : name + "@" + digest);
        if (digest == null) {
            out.put("metadata", "");
        } else {
            // Written here, not with gson: the action depends on the engine's adapter-facing packages only.
            String image = name == null ? null : report.image().contains("@") ? name : report.image();
            out.put("metadata", "{\"containerimage.digest\":" + CredentialHelper.json(digest)
                    + (image == null ? "" : ",\"image.name\":" + CredentialHelper.json(image)) + "}");
        }
        return out;
    }

    /** The name without tag or digest. */
    static String repository(String reference) {
        String name = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        return name.lastIndexOf(':') > name.lastIndexOf('/') ? name.substring(0, name.lastIndexOf(':')) : name;
    }
}
