/**
 * Spring Security for blocking-style code in a reactive application:
 * {@link io.blockingbridge.security.BlockingSecurityContextHolderStrategy} makes
 * {@code SecurityContextHolder} hold the request's security context on the request's virtual thread;
 * {@link io.blockingbridge.security.BlockingUserDetailsServiceAdapter} and
 * {@link io.blockingbridge.security.BlockingUserDetailsPasswordServiceAdapter} answer Spring Security
 * WebFlux's user look-ups with a blocking {@code UserDetailsService}.
 * Method security ({@code @PreAuthorize}, {@code @PostAuthorize}, {@code @Secured},
 * {@code @PreFilter}, {@code @PostFilter}) on methods with non-reactive return types under
 * {@code @EnableReactiveMethodSecurity}, and refusals answered as 403 problem details, are set up by
 * {@link io.blockingbridge.autoconfigure.BlockingSecurityAutoConfiguration}.
 */
@NullMarked
package io.blockingbridge.security;

import org.jspecify.annotations.NullMarked;
