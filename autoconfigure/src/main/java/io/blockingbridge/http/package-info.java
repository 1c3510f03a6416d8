/**
 * A blocking-style HTTP client on the reactive WebClient:
 * {@link io.blockingbridge.http.BlockingWebClient} with RestClient's API, and
 * {@link io.blockingbridge.http.BlockingHttpInterfaces} for {@code @HttpExchange} interfaces with
 * plain return types. Requests await through {@link io.blockingbridge.core.Bridge}, so they carry
 * the caller's Reactor Context and time limit and are cancelled when the caller gives up.
 */
@NullMarked
package io.blockingbridge.http;

import org.jspecify.annotations.NullMarked;
