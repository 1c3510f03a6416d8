package io.blockingbridge.data.repositories;

import org.springframework.transaction.annotation.Transactional;

/**
 * Blocking-style {@code @Transactional} methods writing through two repositories.
 */
public class PeopleAndNotesService {

	private final PersonRepository people;

	private final NoteRepository notes;

	public PeopleAndNotesService(PersonRepository people, NoteRepository notes) {
		this.people = people;
		this.notes = notes;
	}

	@Transactional
	public void save(Person person, Note note) {
		this.people.save(person);
		this.notes.save(note);
	}

	@Transactional
	public void saveThenFail(Person person, Note note) {
		save(person, note);
		throw new IllegalStateException("failing after both saves");
	}

	@Transactional
	public long saveAndCountInside(Person person, Note note) {
		save(person, note);
		return this.people.count() + this.notes.count();
	}

}
