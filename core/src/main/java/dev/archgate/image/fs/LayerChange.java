package dev.archgate.image.fs;

/** One thing a layer does to the filesystem below it, in the order the tar holds them. */
public sealed interface LayerChange {
    /** A path added or replaced. */
    record Add(FileFacts facts) implements LayerChange {}

    /** A hard link: the path gets the facts of {@code target} (in this layer or below). */
    record HardLink(String path, String target) implements LayerChange {}

    /** {@code .wh.<name>}: the path and everything under it is deleted from the layers below. */
    record Whiteout(String path) implements LayerChange {}

    /** {@code .wh..wh..opq}: the directory hides everything the layers below put in it. */
    record Opaque(String directory) implements LayerChange {}
}
