package dev.archgate.promote;

import java.util.List;

/** What promotion did: the tags now pointing at the tested digest, or why one could not be written. */
public record PromotionResult(List<String> promoted, String failure) {
    public PromotionResult {
        promoted = List.copyOf(promoted);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
