package io.blockingbridge.core;

/**
 * Carries a checked exception that an awaited publisher signalled. Unchecked exceptions and errors
 * are thrown as they are; a checked exception (which a plain method could not throw without
 * declaring it) is wrapped in this exception: {@link #getCause()} returns the original.
 */
public class BridgeCheckedException extends RuntimeException {

	/**
	 * Wrap the given checked exception.
	 * @param cause the checked exception the publisher signalled
	 */
	public BridgeCheckedException(Exception cause) {
		super(cause.toString(), cause);
	}

}
