/**
 * The known customers: the {@code sample_customers} table (seeded at start), its blocking
 * repository, and {@code GET /customers}.
 */
@NullMarked
package io.blockingbridge.sample.customers;

import org.jspecify.annotations.NullMarked;
