package io.blockingbridge.data.repositories;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("bb_repo_note")
public record Note(@Id @Nullable Long id, String title) {

	public static Note of(String title) {
		return new Note(null, title);
	}

}
