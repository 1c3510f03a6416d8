package io.blockingbridge.timelimit;

import org.springframework.data.repository.CrudRepository;

/**
 * A blocking repository of the time-limit tests.
 */
interface ThingRepository extends CrudRepository<Thing, Long> {

}
