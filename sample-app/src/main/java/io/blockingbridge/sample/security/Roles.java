package io.blockingbridge.sample.security;

/**
 * The roles of the sample's users, without Spring Security's {@code ROLE_} prefix (as
 * {@code hasRole(..)} takes them).
 */
public final class Roles {

	/** A customer, from {@code sample_customers}: orders and receives notifications. */
	public static final String CUSTOMER = "CUSTOMER";

	/** The administrator, from {@code sample_staff}: sees every customer's pending orders. */
	public static final String ADMIN = "ADMIN";

	/** The order service calling the kitchen ({@code /kitchen/**}). */
	public static final String KITCHEN = "KITCHEN";

	private Roles() {
	}

}
