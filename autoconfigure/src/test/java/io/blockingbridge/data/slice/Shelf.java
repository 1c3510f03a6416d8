package io.blockingbridge.data.slice;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("bb_slice_shelf")
public record Shelf(@Id @Nullable Long id, String label) {

	public static Shelf of(String label) {
		return new Shelf(null, label);
	}

}
