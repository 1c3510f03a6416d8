package io.blockingbridge.data;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.repository.core.CrudMethods;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryFragment;
import org.springframework.util.ClassUtils;

/**
 * The metadata of a blocking repository as Spring Data R2DBC's query methods need to see it: each
 * query method appears to return the reactive type that carries its values ({@code Flux<Person>}
 * for a {@code List<Person>} or {@code Stream<Person>}, {@code Mono<Long>} for a {@code long},
 * {@code Mono<Person>} for an {@code Optional<Person>}), so that R2DBC builds the same query it
 * builds for the equivalent reactive method. Everything else is the repository's own metadata.
 */
final class ReactiveQueryMetadata implements RepositoryMetadata {

	private final RepositoryMetadata metadata;

	ReactiveQueryMetadata(RepositoryMetadata metadata) {
		this.metadata = metadata;
	}

	@Override
	public TypeInformation<?> getReturnType(Method method) {
		Class<?> wrapper = (QueryResultShape.of(method) == QueryResultShape.SINGLE) ? Mono.class : Flux.class;
		return TypeInformation.of(ResolvableType.forClassWithGenerics(wrapper, elementType(method)));
	}

	@Override
	public Class<?> getReturnedDomainClass(Method method) {
		Class<?> element = elementType(method).resolve(Object.class);
		return (element == Object.class) ? this.metadata.getReturnedDomainClass(method) : element;
	}

	@Override
	public TypeInformation<?> getReturnedDomainTypeInformation(Method method) {
		return TypeInformation.of(getReturnedDomainClass(method));
	}

	private static ResolvableType elementType(Method method) {
		ResolvableType returnType = ResolvableType.forMethodReturnType(method);
		Class<?> type = returnType.toClass();
		return switch (QueryResultShape.of(method)) {
			case STREAM -> returnType.as(Stream.class).getGeneric(0);
			case COLLECTION -> type.isArray() ? returnType.getComponentType() : returnType.as(Iterable.class).getGeneric(0);
			case SINGLE -> {
				if (type == Optional.class) {
					yield returnType.getGeneric(0);
				}
				yield (type.isPrimitive()) ? ResolvableType.forClass(ClassUtils.resolvePrimitiveIfNecessary(type))
						: returnType;
			}
		};
	}

	@Override
	public TypeInformation<?> getIdTypeInformation() {
		return this.metadata.getIdTypeInformation();
	}

	@Override
	public TypeInformation<?> getDomainTypeInformation() {
		return this.metadata.getDomainTypeInformation();
	}

	@Override
	public Class<?> getRepositoryInterface() {
		return this.metadata.getRepositoryInterface();
	}

	@Override
	public CrudMethods getCrudMethods() {
		return this.metadata.getCrudMethods();
	}

	@Override
	public boolean isPagingRepository() {
		return this.metadata.isPagingRepository();
	}

	@Override
	public Set<Class<?>> getAlternativeDomainTypes() {
		return this.metadata.getAlternativeDomainTypes();
	}

	@Override
	public boolean isReactiveRepository() {
		return true;
	}

	@Override
	public Set<RepositoryFragment<?>> getFragments() {
		return this.metadata.getFragments();
	}

}
