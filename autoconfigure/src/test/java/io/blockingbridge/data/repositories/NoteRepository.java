package io.blockingbridge.data.repositories;

import org.springframework.data.repository.CrudRepository;
import org.springframework.data.util.Streamable;

public interface NoteRepository extends CrudRepository<Note, Long> {

	Iterable<Note> findByTitleStartingWith(String prefix);

	Streamable<Note> findByTitleEndingWith(String suffix);

}
