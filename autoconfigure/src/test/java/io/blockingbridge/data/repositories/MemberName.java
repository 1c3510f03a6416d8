package io.blockingbridge.data.repositories;

/** A DTO projection of {@link Member}. */
public record MemberName(String name) {

}
