package io.blockingbridge.data.repositories;

/** A DTO projection of {@link Person}. */
public record PersonSummary(String firstName, int age) {

}
