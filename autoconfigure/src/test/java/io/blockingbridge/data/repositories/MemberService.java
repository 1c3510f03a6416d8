package io.blockingbridge.data.repositories;

import io.blockingbridge.r2dbc.BlockingR2dbcEntityTemplate;

import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.data.relational.core.query.Query;
import org.springframework.data.relational.core.query.Update;
import org.springframework.transaction.annotation.Transactional;

import static org.springframework.data.relational.core.query.Criteria.where;
import static org.springframework.data.relational.core.query.Query.query;

/**
 * Blocking-style {@code @Transactional} methods writing through the blocking entity template.
 */
public class MemberService {

	private final BlockingR2dbcEntityTemplate template;

	private final R2dbcEntityOperations reactive;

	public MemberService(BlockingR2dbcEntityTemplate template, R2dbcEntityOperations reactive) {
		this.template = template;
		this.reactive = reactive;
	}

	/** Inserts the members and counts the rows the transaction sees. */
	@Transactional
	public long insertAndCount(Member... members) {
		for (Member member : members) {
			this.template.insert(member);
		}
		return this.template.select(Member.class).count();
	}

	/**
	 * Changes the table with each kind of template write, checks that the transaction sees its own
	 * writes, then fails.
	 * @return never
	 */
	@Transactional
	public long changeEverythingThenFail(String updated, String deleted) {
		Member inserted = this.template.insert(Member.class).using(Member.of("Edsger", 72));
		this.template.update(inserted.withAge(73));
		this.template.update(Member.class).matching(query(where("name").is(updated))).apply(Update.update("age", 99));
		this.template.delete(Member.class).matching(query(where("name").is(deleted))).all();
		long seen = this.template.count(query(where("age").is(99)), Member.class)
				+ this.template.count(query(where("age").is(73)), Member.class)
				+ this.template.count(query(where("name").is(deleted)), Member.class);
		throw new IllegalStateException("failing after the writes; saw " + seen);
	}

	/** Inserts through the reactive template blocked around the bridge, which the guard refuses. */
	@Transactional
	public void insertBlockingTheReactiveTemplate(Member member) {
		this.template.insert(Member.of("first", 1));
		this.reactive.insert(member).block();
	}

	/** Counts inside a transaction. */
	@Transactional(readOnly = true)
	public long count() {
		return this.template.count(Query.empty(), Member.class);
	}

}
