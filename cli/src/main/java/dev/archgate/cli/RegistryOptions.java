package dev.archgate.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Registries reached over plain http besides loopback ones, for every command that reads images. */
final class RegistryOptions {
    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", description = "Reach this registry over plain http (repeatable).")
    List<String> insecure = new ArrayList<>();
}
