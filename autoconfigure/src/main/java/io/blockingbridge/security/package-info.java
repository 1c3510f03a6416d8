/**
 * Spring Security for blocking-style code in a reactive application: {@code SecurityContextHolder}
 * holding the request's security context on the request's virtual thread, method security
 * ({@code @PreAuthorize}, {@code @PostAuthorize}, {@code @Secured}, {@code @PreFilter},
 * {@code @PostFilter}) on methods with non-reactive return types under
 * {@code @EnableReactiveMethodSecurity}, and refusals answered as 403 problem details.
 */
@NullMarked
package io.blockingbridge.security;

import org.jspecify.annotations.NullMarked;
