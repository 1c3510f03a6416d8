package io.blockingbridge.data;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.data.relational.repository.query.RelationalParameterAccessor;
import org.springframework.data.relational.repository.query.RelationalQueryCreator;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * Turns a derived query method's {@link PartTree} and arguments into a relational {@link Query}
 * with its criteria and sort (from the method name and the Sort or Pageable argument), without limit
 * or offset.
 */
final class CriteriaQueryCreator extends RelationalQueryCreator<Query> {

	CriteriaQueryCreator(PartTree tree, RelationalParameterAccessor accessor) {
		super(tree, accessor);
	}

	@Override
	protected Query complete(@Nullable Criteria criteria, Sort sort) {
		Query query = (criteria != null) ? Query.query(criteria) : Query.empty();
		return query.sort(sort);
	}

}
