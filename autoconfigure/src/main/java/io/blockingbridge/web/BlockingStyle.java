package io.blockingbridge.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a WebFlux controller, or some of its handler methods, as written in blocking style: each
 * request runs the method on a virtual thread of its own, inside a bridge scope holding the request's
 * Reactor Context, so the method can await reactive I/O through the bridge and return plain values.
 * <p>
 * Argument resolution (including decoding the request body) stays non-blocking, and everything an
 * annotated controller supports still applies: request mapping, validation, return value handling,
 * {@code @ExceptionHandler} and {@code @ControllerAdvice}. When the client goes away the thread is
 * interrupted and its in-flight await cancelled.
 * <p>
 * Requires {@code bridge.enabled: true}. A method with a reactive return type cannot be blocking
 * style: the application fails to start, naming the method.
 *
 * @see io.blockingbridge.core.Bridge
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BlockingStyle {

}
