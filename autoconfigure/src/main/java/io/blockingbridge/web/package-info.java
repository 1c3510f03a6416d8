/**
 * Blocking-style WebFlux handlers: {@link io.blockingbridge.web.BlockingStyle @BlockingStyle}
 * controllers and {@link io.blockingbridge.web.BlockingHandlers blocking handler functions}, run on
 * a virtual thread per request inside a bridge scope holding the request's Reactor Context.
 */
@NullMarked
package io.blockingbridge.web;

import org.jspecify.annotations.NullMarked;
