package io.blockingbridge.data.repositories;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

@Table("bb_repo_person")
public class Person {

	@Id
	private @Nullable Long id;

	@Column("first_name")
	private String firstName;

	@Column("last_name")
	private @Nullable String lastName;

	private int age;

	public Person(@Nullable Long id, String firstName, @Nullable String lastName, int age) {
		this.id = id;
		this.firstName = firstName;
		this.lastName = lastName;
		this.age = age;
	}

	public static Person of(String firstName, @Nullable String lastName, int age) {
		return new Person(null, firstName, lastName, age);
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getFirstName() {
		return this.firstName;
	}

	public @Nullable String getLastName() {
		return this.lastName;
	}

	public int getAge() {
		return this.age;
	}

	public void setAge(int age) {
		this.age = age;
	}

	@Override
	public String toString() {
		return this.firstName + " " + this.lastName + " (" + this.age + ")";
	}

}
