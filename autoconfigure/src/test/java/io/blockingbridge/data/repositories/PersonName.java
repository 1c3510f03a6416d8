package io.blockingbridge.data.repositories;

/** An interface projection of {@link Person}. */
public interface PersonName {

	String getFirstName();

	String getLastName();

}
