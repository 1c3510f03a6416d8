/**
 * Who may do what: customers log in with HTTP Basic (passwords stored as bcrypt hashes in
 * {@code sample_customers}), the administrator likewise ({@code sample_staff}), and the order flow
 * calls the kitchen with the kitchen's own credential ({@code kitchen.password}).
 */
@NullMarked
package io.blockingbridge.sample.security;

import org.jspecify.annotations.NullMarked;
