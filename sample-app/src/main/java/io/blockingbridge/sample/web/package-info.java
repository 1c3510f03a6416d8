/**
 * The sample's HTTP edge: the server's connection limits and the problem details of server-side
 * failures (overload, time limits, unexpected errors).
 */
@NullMarked
package io.blockingbridge.sample.web;

import org.jspecify.annotations.NullMarked;
