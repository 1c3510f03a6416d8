package io.blockingbridge.timelimit;

import org.springframework.data.annotation.Id;

/**
 * An entity of the time-limit tests.
 *
 * @param id the identifier
 * @param name the name
 */
record Thing(@Id Long id, String name) {
}
