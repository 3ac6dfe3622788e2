package dev.archgate.smoke;

/** A started smoke container, followed since {@code startNanos} (its time limit counts from there). */
record StartedContainer(String id, long startNanos, ContainerWatch watch) {}
