package io.blockingbridge.data;

import java.lang.reflect.Method;

import io.blockingbridge.core.Bridge;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.query.R2dbcQueryMethod;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.util.Assert;

/**
 * Runs a reactive Spring Data R2DBC query for a blocking query method and awaits its result through
 * the bridge, shaped as the method returns it. Converting to the exact declared type (Optional, Set,
 * int ...) is left to Spring Data's result handling, which follows.
 */
final class AwaitingRepositoryQuery implements RepositoryQuery {

	private final RepositoryQuery reactive;

	private final QueryResultShape shape;

	/** What the live view of blocked requests shows while the query runs. */
	private final String description;

	private final RepositoryAwaits awaits;

	AwaitingRepositoryQuery(RepositoryQuery reactive, Method method, RepositoryAwaits awaits) {
		this.reactive = reactive;
		this.awaits = awaits;
		this.shape = QueryResultShape.of(method);
		this.description = describe(reactive.getQueryMethod(), method);
	}

	private static String describe(QueryMethod queryMethod, Method method) {
		if (queryMethod instanceof R2dbcQueryMethod r2dbc && r2dbc.hasAnnotatedQuery()) {
			return r2dbc.getRequiredAnnotatedQuery();
		}
		return method.getDeclaringClass().getSimpleName() + "." + method.getName();
	}

	@Override
	public @Nullable Object execute(Object[] parameters) {
		Object result = this.reactive.execute(parameters);
		Assert.state(result instanceof Publisher<?>, () -> "Expected a Publisher from " + this.reactive);
		Publisher<?> publisher = (Publisher<?>) result;
		return switch (this.shape) {
			case STREAM -> this.awaits.stream(Flux.from(publisher));
			case COLLECTION -> this.awaits.all(Flux.from(publisher).name(this.description));
			case SINGLE -> this.awaits.one(Bridge.describe(Mono.from(publisher), this.description));
		};
	}

	@Override
	public QueryMethod getQueryMethod() {
		return this.reactive.getQueryMethod();
	}

}
