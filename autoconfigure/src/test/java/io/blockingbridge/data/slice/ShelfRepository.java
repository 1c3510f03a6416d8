package io.blockingbridge.data.slice;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

/** A blocking repository: found by the bridge's repository scanning in a {@code @DataR2dbcTest}. */
public interface ShelfRepository extends ListCrudRepository<Shelf, Long> {

	List<Shelf> findByLabelStartingWith(String prefix);

}
