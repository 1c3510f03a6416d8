package io.blockingbridge.data;

import java.lang.reflect.Method;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when the application starts if a blocking repository declares a method that cannot be
 * implemented in blocking style over R2DBC. The message names the method and says why.
 */
public class UnsupportedRepositoryMethodException extends InvalidDataAccessApiUsageException {

	/** The repository method that is not supported. */
	private final Method method;

	/**
	 * Create an exception for the given method.
	 * @param method the offending repository method
	 * @param reason why it is not supported and what to do instead
	 */
	public UnsupportedRepositoryMethodException(Method method, String reason) {
		super("Blocking repository method " + method.getDeclaringClass().getName() + "." + method.getName()
				+ " is not supported: " + reason);
		this.method = method;
	}

	/**
	 * Create an exception for the given method, caused by Spring Data's own validation.
	 * @param method the offending repository method
	 * @param reason why it is not supported and what to do instead
	 * @param cause the exception that told
	 */
	public UnsupportedRepositoryMethodException(Method method, String reason, Throwable cause) {
		super("Blocking repository method " + method.getDeclaringClass().getName() + "." + method.getName()
				+ " is not supported: " + reason, cause);
		this.method = method;
	}

	/**
	 * Return the offending repository method.
	 * @return the method
	 */
	public Method getMethod() {
		return this.method;
	}

}
