package io.blockingbridge.data.repositories;

import org.springframework.data.repository.CrudRepository;

public interface NoteRepository extends CrudRepository<Note, Long> {

	Iterable<Note> findByTitleStartingWith(String prefix);

}
