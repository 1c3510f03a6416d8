package io.blockingbridge.data.repositories;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** The entity of the entity template tests and of Query by Example's null handling, in a table of its own. */
@Table("bb_tpl_member")
public record Member(@Id @Nullable Long id, String name, int age, @Nullable String email) {

	public static Member of(String name, int age) {
		return new Member(null, name, age, null);
	}

	public Member withAge(int age) {
		return new Member(this.id, this.name, age, this.email);
	}

}
