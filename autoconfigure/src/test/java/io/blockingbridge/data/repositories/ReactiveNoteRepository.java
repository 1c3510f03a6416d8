package io.blockingbridge.data.repositories;

import reactor.core.publisher.Flux;

import org.springframework.data.r2dbc.repository.R2dbcRepository;

/** A reactive repository next to the blocking ones: Spring Data R2DBC implements it. */
public interface ReactiveNoteRepository extends R2dbcRepository<Note, Long> {

	Flux<Note> findByTitle(String title);

}
