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
 * The same thread runs the rest of the request's application code: non-reactive
 * {@code @ModelAttribute} and {@code @InitBinder} methods, and the {@code @ExceptionHandler} methods
 * (controller or {@code @ControllerAdvice}) for errors raised before or by the method, so any of them
 * may await too. Reading and decoding the request body stays non-blocking, and everything an
 * annotated controller supports still applies. When the client goes away the thread is interrupted
 * and its in-flight await cancelled.
 * <p>
 * A method may return a {@link java.util.stream.Stream} (or a {@code ResponseEntity} of one, or a
 * {@code Stream} of {@code ServerSentEvent}s): its elements are pulled on the same thread as the
 * client takes them and written as NDJSON, server-sent events or a JSON array, by the request's
 * {@code Accept} header; the stream is closed when it ends, fails or the client goes away.
 * <p>
 * Kotlin {@code suspend} functions are never blocking style. With
 * {@code bridge.web.all-non-reactive} the annotation is implied for the other non-reactive methods,
 * as far as the application's {@code WebFluxConfigurer.configureBlockingExecution} leaves them to the
 * bridge.
 * <p>
 * Requires {@code bridge.enabled: true}. A method with a reactive return type cannot be blocking
 * style, nor can a Kotlin suspend function: the application fails to start, naming the method.
 *
 * @see io.blockingbridge.core.Bridge
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BlockingStyle {

}
