package io.blockingbridge.data;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.reactivestreams.Publisher;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;
import org.springframework.data.repository.query.QueryByExampleExecutor;
import org.springframework.data.core.ReactiveWrappers;

/**
 * Checks that the methods of a blocking repository interface have plain signatures: no reactive or
 * asynchronous return or parameter types, no scrolling, no Query by Example.
 */
final class BlockingRepositorySignatures {

	private BlockingRepositorySignatures() {
	}

	/**
	 * Check every abstract method of the given repository interface.
	 * @param repositoryInterface the interface
	 * @throws UnsupportedRepositoryMethodException naming the first offending method
	 */
	static void verify(Class<?> repositoryInterface) {
		for (Method method : repositoryInterface.getMethods()) {
			if (!Modifier.isStatic(method.getModifiers()) && !method.isDefault()) {
				verify(method);
			}
		}
	}

	private static void verify(Method method) {
		if (method.getDeclaringClass() == QueryByExampleExecutor.class
				|| method.getDeclaringClass() == ListQueryByExampleExecutor.class) {
			throw new UnsupportedRepositoryMethodException(method, "Query by Example is not supported by blocking "
					+ "repositories; use derived query methods, @Query, or R2dbcEntityOperations awaited with Bridge");
		}
		Class<?> returnType = method.getReturnType();
		if (isReactive(returnType)) {
			throw new UnsupportedRepositoryMethodException(method, "it returns the reactive type "
					+ returnType.getName() + ". Methods of a blocking repository return plain values (for example "
					+ "the entity, Optional, List, Stream, Page or long); declare reactive methods in a repository "
					+ "extending R2dbcRepository or ReactiveCrudRepository instead");
		}
		if (Future.class.isAssignableFrom(returnType) || CompletionStage.class.isAssignableFrom(returnType)) {
			throw new UnsupportedRepositoryMethodException(method, "it returns the asynchronous type "
					+ returnType.getName() + ". Methods of a blocking repository return plain values; run the call "
					+ "on a thread of your own if it should not block the caller");
		}
		if (Window.class.isAssignableFrom(returnType)) {
			throw new UnsupportedRepositoryMethodException(method,
					"scrolling (Window results) is not supported; use a Pageable parameter with a Page or Slice result");
		}
		for (Class<?> parameterType : method.getParameterTypes()) {
			if (isReactive(parameterType)) {
				throw new UnsupportedRepositoryMethodException(method, "its parameter of reactive type "
						+ parameterType.getName() + " cannot be awaited by a blocking repository; pass the value itself");
			}
			if (ScrollPosition.class.isAssignableFrom(parameterType)) {
				throw new UnsupportedRepositoryMethodException(method,
						"scrolling (ScrollPosition parameters) is not supported; use a Pageable parameter");
			}
		}
	}

	private static boolean isReactive(Class<?> type) {
		return Publisher.class.isAssignableFrom(type) || ReactiveWrappers.supports(type);
	}

}
