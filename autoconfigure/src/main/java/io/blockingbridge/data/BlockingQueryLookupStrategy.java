package io.blockingbridge.data;

import java.lang.reflect.Method;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.relational.repository.query.RelationalParameters;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;

/**
 * Resolves the query methods of a blocking repository: Spring Data R2DBC's reactive query wrapped
 * in an {@link AwaitingRepositoryQuery}, or, for paged derived queries (which Spring Data R2DBC only
 * runs with reactive results) and scrolled ones (which it does not run), a {@link PagedPartTreeQuery}.
 */
final class BlockingQueryLookupStrategy implements QueryLookupStrategy {

	private final QueryLookupStrategy reactive;

	private final R2dbcEntityOperations entityOperations;

	private final RepositoryAwaits awaits;

	BlockingQueryLookupStrategy(QueryLookupStrategy reactive, R2dbcEntityOperations entityOperations,
			RepositoryAwaits awaits) {
		this.reactive = reactive;
		this.entityOperations = entityOperations;
		this.awaits = awaits;
	}

	@Override
	public RepositoryQuery resolveQuery(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			NamedQueries namedQueries) {
		if (isScrolled(method)) {
			QueryMethod queryMethod = new QueryMethod(method, metadata, factory, RelationalParameters::new);
			if (AnnotatedElementUtils.hasAnnotation(method, Query.class)
					|| namedQueries.hasQuery(queryMethod.getNamedQueryName())) {
				throw new UnsupportedRepositoryMethodException(method, "Spring Data R2DBC cannot scroll a string "
						+ "query, so @Query and named query methods take no ScrollPosition and return no Window; "
						+ "use LIMIT and OFFSET parameters in the query, or a derived query method");
			}
			return new PagedPartTreeQuery(method, queryMethod, this.entityOperations, this.awaits);
		}
		if (isPaged(method)) {
			QueryMethod queryMethod = new QueryMethod(method, metadata, factory, RelationalParameters::new);
			if (AnnotatedElementUtils.hasAnnotation(method, Query.class)
					|| namedQueries.hasQuery(queryMethod.getNamedQueryName())) {
				throw new UnsupportedRepositoryMethodException(method, "Spring Data R2DBC cannot page a string "
						+ "query, so @Query and named query methods take no Pageable and return no Page or Slice; "
						+ "use LIMIT and OFFSET parameters in the query, or a derived query method");
			}
			if (!queryMethod.getParameters().hasPageableParameter()) {
				throw new UnsupportedRepositoryMethodException(method,
						"a Slice result needs a Pageable parameter that says which slice to read");
			}
			return new PagedPartTreeQuery(method, queryMethod, this.entityOperations, this.awaits);
		}
		RepositoryQuery query = this.reactive.resolveQuery(method, new ReactiveQueryMetadata(metadata), factory,
				namedQueries);
		return new AwaitingRepositoryQuery(query, method, this.awaits);
	}

	private static boolean isScrolled(Method method) {
		return Window.class.isAssignableFrom(method.getReturnType());
	}

	private static boolean isPaged(Method method) {
		for (Class<?> parameterType : method.getParameterTypes()) {
			if (Pageable.class.isAssignableFrom(parameterType)) {
				return true;
			}
		}
		return Slice.class.isAssignableFrom(method.getReturnType());
	}

}
