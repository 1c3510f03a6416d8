package io.blockingbridge.web;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * An experiment, off unless the system property {@value #PROPERTY} is {@code true}: run a
 * request's virtual thread on the Netty event loop that received the request, instead of on the
 * JDK's carrier threads, so that handing work between the two does not cross threads. It uses the
 * JDK's internal constructor of a virtual thread builder with its own scheduler, which needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}; without it, or off an event loop, requests
 * run on the JDK's carriers as always.
 * <p>
 * The trade-off: everything the handler computes runs on the event loop and holds up the other
 * connections of that loop meanwhile, and a virtual thread pinned to it (a native frame, a class
 * initializer) stops the loop. See {@code benchmarks/README.md} for what it measured.
 */
final class CarrierAffinity {

	static final String PROPERTY = "bridge.experimental.carrier-affinity";

	private static final Log logger = LogFactory.getLog(CarrierAffinity.class);

	private static final @Nullable Constructor<?> BUILDER = builderConstructor();

	private static final Map<EventExecutor, ThreadFactory> FACTORIES = new ConcurrentHashMap<>();

	private CarrierAffinity() {
	}

	/**
	 * Return the factory of virtual threads that run on the current thread's event loop.
	 * @return the factory, or {@code null} if the experiment is off or this is no event loop
	 */
	static @Nullable ThreadFactory currentEventLoop() {
		if (BUILDER == null) {
			return null;
		}
		EventExecutor loop = ThreadExecutorMap.currentExecutor();
		return (loop != null) ? FACTORIES.computeIfAbsent(loop, CarrierAffinity::factoryOn) : null;
	}

	private static ThreadFactory factoryOn(Executor loop) {
		try {
			return ((Thread.Builder.OfVirtual) BUILDER.newInstance(loop)).name("bridge-request-", 0).factory();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not create virtual threads on " + loop, ex);
		}
	}

	private static @Nullable Constructor<?> builderConstructor() {
		if (!Boolean.getBoolean(PROPERTY)
				|| !ClassUtils.isPresent("io.netty.util.internal.ThreadExecutorMap", CarrierAffinity.class.getClassLoader())) {
			return null;
		}
		try {
			Constructor<?> constructor = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
				.getDeclaredConstructor(Executor.class);
			constructor.setAccessible(true);
			logger.warn("Experimental: blocking-style requests run their virtual threads on the event loop that "
					+ "received them (" + PROPERTY + ")");
			return constructor;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn(PROPERTY + " is set, but virtual threads cannot get a scheduler of their own here (start the "
					+ "JVM with --add-opens java.base/java.lang=ALL-UNNAMED): " + ex);
			return null;
		}
	}

}
