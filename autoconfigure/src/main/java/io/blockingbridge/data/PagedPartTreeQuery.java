package io.blockingbridge.data;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.DtoInstantiatingConverter;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Window;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.data.relational.core.query.Query;
import org.springframework.data.relational.repository.query.RelationalParameterAccessor;
import org.springframework.data.relational.repository.query.RelationalParametersParameterAccessor;
import org.springframework.data.relational.repository.query.RelationalQueryCreator;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.data.support.PageableExecutionUtils;

/**
 * A derived query method with a {@code Pageable} parameter or a {@code Page}/{@code Slice} result,
 * or a {@code Window} result with a {@code ScrollPosition} parameter. Spring Data R2DBC runs the
 * former only with reactive results and the latter not at all, so this query builds the criteria
 * from the method name itself and runs them through {@link R2dbcEntityOperations}: the page's rows
 * with the pageable's limit, offset and sort, plus a count query when a {@code Page} needs the total
 * (skipped when the first rows already tell it), or one row more than the page for a {@code Slice}.
 * A {@code Window} is read from an offset as Spring Data R2DBC's fluent Query by Example scrolls:
 * the rows after the position's offset, one more than the limit ({@code Top}/{@code First} or a
 * {@code Limit} parameter) to tell whether there is a next window. Keyset positions are refused, as
 * Spring Data R2DBC refuses them. Projections are applied to the entities read.
 */
final class PagedPartTreeQuery implements RepositoryQuery {

	private final QueryMethod method;

	private final R2dbcEntityOperations entityOperations;

	private final PartTree tree;

	private final Class<?> domainType;

	private final RepositoryAwaits awaits;

	PagedPartTreeQuery(Method repositoryMethod, QueryMethod method, R2dbcEntityOperations entityOperations,
			RepositoryAwaits awaits) {
		this.awaits = awaits;
		this.method = method;
		this.entityOperations = entityOperations;
		this.domainType = method.getResultProcessor().getReturnedType().getDomainType();
		try {
			this.tree = new PartTree(method.getName(), this.domainType);
			RelationalQueryCreator.validate(this.tree, method.getParameters());
		}
		catch (RuntimeException ex) {
			throw new UnsupportedRepositoryMethodException(repositoryMethod, String.valueOf(ex.getMessage()), ex);
		}
		if (this.tree.isDelete() || this.tree.isCountProjection() || this.tree.isExistsProjection()) {
			throw new UnsupportedRepositoryMethodException(repositoryMethod,
					"only find queries can be paged or scrolled; delete, count and exists queries take no Pageable "
							+ "or ScrollPosition");
		}
		if (this.tree.isDistinct()) {
			throw new UnsupportedRepositoryMethodException(repositoryMethod,
					"paged or scrolled queries cannot be distinct; remove 'Distinct' or the Pageable or "
							+ "ScrollPosition parameter");
		}
	}

	@Override
	public @Nullable Object execute(Object[] parameters) {
		RelationalParameterAccessor accessor = new RelationalParametersParameterAccessor(this.method, parameters);
		Pageable pageable = accessor.getPageable();
		Query criteria = new CriteriaQueryCreator(this.tree, accessor).createQuery(accessor.getSort());
		ResultProcessor processor = this.method.getResultProcessor().withDynamicProjection(accessor);
		Object result;
		if (this.method.isPageQuery()) {
			List<?> content = this.awaits.all(select(criteria, pageable, 0));
			result = PageableExecutionUtils.getPage(content, pageable, () -> count(criteria));
		}
		else if (this.method.isSliceQuery()) {
			List<Object> rows = this.awaits.all(select(criteria, pageable, 1));
			boolean hasNext = pageable.isPaged() && rows.size() > pageable.getPageSize();
			result = new SliceImpl<>(hasNext ? rows.subList(0, pageable.getPageSize()) : rows, pageable, hasNext);
		}
		else if (this.method.isScrollQuery()) {
			result = scroll(criteria, accessor);
		}
		else if (this.method.isStreamQuery()) {
			Stream<?> rows = this.awaits.stream(select(criteria, pageable, 0));
			result = rows;
		}
		else {
			result = this.awaits.all(select(criteria, pageable, 0));
		}
		return processor.processResult(result, preparingConverter(processor.getReturnedType()));
	}

	private Window<Object> scroll(Query criteria, RelationalParameterAccessor accessor) {
		ScrollPosition position = accessor.getScrollPosition();
		if (position == null) {
			position = ScrollPosition.offset();
		}
		if (!(position instanceof OffsetScrollPosition offset)) {
			throw new UnsupportedOperationException(BlockingFluentQuery.KEYSET_UNSUPPORTED);
		}
		Query query = criteria;
		if (!offset.isInitial()) {
			query = query.offset(offset.getOffset() + 1);
		}
		int limit = limit(accessor);
		if (limit > 0) {
			query = query.limit(limit + 1);
		}
		List<Object> rows = this.awaits.all(select(query));
		boolean hasNext = limit > 0 && rows.size() > limit;
		return Window.from(hasNext ? rows.subList(0, limit) : rows, offset.positionFunction(), hasNext);
	}

	private int limit(RelationalParameterAccessor accessor) {
		Limit limit = accessor.getLimit();
		if (limit.isLimited()) {
			return limit.max();
		}
		Integer maxResults = this.tree.getMaxResults();
		return (maxResults != null) ? maxResults : 0;
	}

	@SuppressWarnings("unchecked")
	private Flux<Object> select(Query query) {
		return (Flux<Object>) this.entityOperations.select(query, this.domainType);
	}

	@SuppressWarnings("unchecked")
	private Flux<Object> select(Query criteria, Pageable pageable, int extraRows) {
		Query query = criteria;
		if (pageable.isPaged()) {
			query = query.limit(pageable.getPageSize() + extraRows).offset(pageable.getOffset());
		}
		else if (this.tree.isLimiting()) {
			Integer maxResults = this.tree.getMaxResults();
			if (maxResults != null) {
				query = query.limit(maxResults);
			}
		}
		return (Flux<Object>) this.entityOperations.select(query, this.domainType);
	}

	private long count(Query criteria) {
		Query query = criteria.getCriteria().map(Query::query).orElseGet(Query::empty);
		Long count = this.awaits.one(this.entityOperations.count(query, this.domainType));
		return (count != null) ? count : 0;
	}

	private Converter<Object, Object> preparingConverter(ReturnedType returnedType) {
		if (!returnedType.isProjecting() || returnedType.getReturnedType().isInterface()) {
			return (source) -> source;
		}
		return new DtoInstantiatingConverter(returnedType.getReturnedType(),
				this.entityOperations.getConverter().getMappingContext(), new EntityInstantiators());
	}

	@Override
	public QueryMethod getQueryMethod() {
		return this.method;
	}

}
