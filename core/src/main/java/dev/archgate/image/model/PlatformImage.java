package dev.archgate.image.model;

import dev.archgate.platform.Platform;

/** The variant of an image that an index offers for one requested platform. */
public record PlatformImage(Platform platform, Descriptor entry, ImageManifest manifest, ImageConfig config) {}
