package io.blockingbridge.core;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Makes BlockHound report the bridge's blocking entry points ({@link Bridge#await} and the others
 * that pass {@link BlockingCheck}) when they are called on a thread that must never block, like the
 * blocking methods of the JDK, instead of only seeing the bridge refuse them with its own
 * {@link BridgeUsageException}. BlockHound loads it by itself (it is registered in
 * {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration}): an application or
 * test that calls {@code BlockHound.install()} gets it without further setup. It marks
 * {@link BlockingCheck#beforeBlocking(String)} as blocking.
 * <p>
 * The bridge's dependency on BlockHound is optional: this class is only loaded by BlockHound.
 */
public final class BridgeBlockHoundIntegration implements BlockHoundIntegration {

	/**
	 * Create the integration; BlockHound does when it loads its integrations.
	 */
	public BridgeBlockHoundIntegration() {
	}

	@Override
	public void applyTo(BlockHound.Builder builder) {
		Method entryPoint = blockingEntryPoint();
		builder.markAsBlocking(entryPoint.getDeclaringClass(), entryPoint.getName(), descriptor(entryPoint));
	}

	/**
	 * Tell whether a blocking call that BlockHound reports is a blocking entry point of the bridge:
	 * for a {@code blockingMethodCallback} that reports those apart from the JDK's.
	 * @param method the blocking method BlockHound reports
	 * @return whether it is {@link BlockingCheck#beforeBlocking(String)}
	 */
	public static boolean isBridgeEntryPoint(BlockingMethod method) {
		Method entryPoint = blockingEntryPoint();
		return entryPoint.getDeclaringClass().getName().equals(method.getClassName())
				&& entryPoint.getName().equals(method.getName());
	}

	/**
	 * Return the method that every blocking entry point of the bridge calls before it blocks: the one
	 * public static method of {@link BlockingCheck}, found without naming it, so that renaming it
	 * cannot silently turn detection off.
	 * @return the method
	 * @throws IllegalStateException if {@link BlockingCheck} does not declare exactly one
	 */
	public static Method blockingEntryPoint() {
		List<Method> methods = Arrays.stream(BlockingCheck.class.getDeclaredMethods())
			.filter((method) -> Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers()))
			.toList();
		if (methods.size() != 1) {
			throw new IllegalStateException("BlockingCheck must declare exactly one public static method, the one "
					+ "tools mark as blocking, but declares " + methods);
		}
		return methods.get(0);
	}

	private static String descriptor(Method method) {
		return MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString();
	}

}
