package io.blockingbridge.data.repositories;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.r2dbc.repository.Modifying;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;

public interface PersonRepository extends ListCrudRepository<Person, Long>, ListPagingAndSortingRepository<Person, Long>,
		ListQueryByExampleExecutor<Person> {

	List<Person> findByLastNameAndAgeGreaterThan(String lastName, int age);

	Optional<Person> findFirstByLastNameOrderByAgeDesc(String lastName);

	Person findByFirstName(String firstName);

	long countByLastName(String lastName);

	int countByAgeLessThan(int age);

	Set<Person> readByLastName(String lastName);

	<T> List<T> findByAgeGreaterThanEqualOrderByAge(int age, Class<T> type);

	boolean existsByFirstName(String firstName);

	long deleteByLastName(String lastName);

	List<Person> findByLastName(String lastName, Sort sort);

	List<Person> findTop2ByOrderByAgeAsc();

	Stream<Person> streamByLastNameOrderByAge(String lastName);

	Stream<Person> streamAllByOrderByAgeDesc();

	@Query("SELECT * FROM bb_repo_person WHERE age >= :age ORDER BY age")
	Stream<Person> streamAtLeast(int age);

	/** PostgreSQL only: a million rows, each taking the next value of a sequence. */
	@Query("SELECT nextval('bb_repo_rows') AS n FROM generate_series(1, 1000000)")
	Stream<Long> streamSequenceValues();

	Page<Person> findByLastName(String lastName, Pageable pageable);

	Slice<Person> findByAgeGreaterThan(int age, Pageable pageable);

	List<Person> findByAgeLessThan(int age, Pageable pageable);

	List<PersonName> findNamesByAgeLessThan(int age);

	List<PersonSummary> findSummariesByLastNameOrderByAge(String lastName);

	Page<PersonSummary> findSummariesByLastName(String lastName, Pageable pageable);

	Page<PersonName> findNamesByLastName(String lastName, Pageable pageable);

	@Query("SELECT * FROM bb_repo_person WHERE age >= :age ORDER BY age")
	List<Person> findAtLeast(int age);

	@Query("SELECT * FROM bb_repo_person WHERE first_name = :firstName")
	Optional<Person> findWithQuery(String firstName);

	@Query("SELECT first_name, age FROM bb_repo_person WHERE last_name = :lastName ORDER BY age")
	List<PersonSummary> findSummariesWithQuery(String lastName);

	@Query("SELECT count(*) FROM bb_repo_person")
	long countWithQuery();

	@Modifying
	@Query("UPDATE bb_repo_person SET age = age + 1 WHERE last_name = :lastName")
	int celebrateBirthdays(String lastName);

	@Modifying
	@Query("DELETE FROM bb_repo_person WHERE age < :age")
	boolean removeYoungerThan(int age);

	Window<Person> findTop2ByAgeGreaterThanOrderByAge(int age, ScrollPosition position);

	Window<Person> findByLastNameOrderByFirstName(String lastName, OffsetScrollPosition position, Limit limit);

	Window<PersonSummary> findSummariesByAgeLessThanOrderByAgeDesc(int age, ScrollPosition position, Limit limit);

}
