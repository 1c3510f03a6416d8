package io.blockingbridge.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails every test of the annotated class (or the annotated test method) whose code
 * <ul>
 * <li>pinned a virtual thread to its carrier thread for longer than
 * {@link #pinningThresholdMillis()} (it blocked inside a class initializer, under a native frame,
 * or, before JDK 24, inside {@code synchronized}), seen by a JDK Flight Recorder stream of
 * {@code jdk.VirtualThreadPinned} events; or</li>
 * <li>blocked a thread that must never block, such as a Reactor Netty event loop or a thread of
 * Reactor's {@code Schedulers.parallel()}: a {@code Thread.sleep}, a socket read of a JDBC driver,
 * a lock wait, or a {@code Bridge.await} there, seen by
 * <a href="https://github.com/reactor/BlockHound">BlockHound</a>, even when the code swallowed
 * the error.</li>
 * </ul>
 * The failure message shows the offending stack. Checks run after each test, so the test's own
 * result comes first; a pinning check adds up to about a second per test while the Flight Recorder
 * delivers its events.
 * <p>
 * The blocking check needs JVM flags (in Maven, surefire's {@code argLine}):
 * {@code -XX:+AllowRedefinitionToAddDeleteMethods -XX:+EnableDynamicAgentLoading}; without them the
 * test fails and says so. Set {@link #blocking()} to {@code false} to check pinning only.
 * <p>
 * Both checks watch the whole JVM while a test runs, not only the test's own threads: run tests
 * that use it one at a time (JUnit's default), not in parallel with others.
 *
 * @see BridgeChecksExtension
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(BridgeChecksExtension.class)
public @interface BridgeChecks {

	/**
	 * The default of {@link #pinningThresholdMillis()}: short enough to catch a pinning in a
	 * test's small workload, long enough to ignore the JVM's own brief ones.
	 */
	long DEFAULT_PINNING_THRESHOLD_MILLIS = 5;

	/**
	 * Whether to fail tests that pinned a virtual thread.
	 * @return {@code true} unless switched off
	 */
	boolean pinning() default true;

	/**
	 * The shortest pinning that fails a test, in milliseconds.
	 * @return the threshold, {@value #DEFAULT_PINNING_THRESHOLD_MILLIS} ms unless set
	 */
	long pinningThresholdMillis() default DEFAULT_PINNING_THRESHOLD_MILLIS;

	/**
	 * Whether to fail tests that blocked a thread that must never block.
	 * @return {@code true} unless switched off
	 */
	boolean blocking() default true;

}
