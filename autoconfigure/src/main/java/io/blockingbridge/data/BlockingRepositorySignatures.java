package io.blockingbridge.data;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.reactivestreams.Publisher;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.core.ReactiveWrappers;

/**
 * Checks that the methods of a blocking repository interface have plain signatures: no reactive or
 * asynchronous return or parameter types, and scrolling only by offset: a {@code Window} result
 * with a {@code ScrollPosition} parameter, never a keyset position, as Spring Data R2DBC scrolls.
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
		boolean window = Window.class.isAssignableFrom(returnType);
		boolean scrollPosition = false;
		for (Class<?> parameterType : method.getParameterTypes()) {
			if (isReactive(parameterType)) {
				throw new UnsupportedRepositoryMethodException(method, "its parameter of reactive type "
						+ parameterType.getName() + " cannot be awaited by a blocking repository; pass the value itself");
			}
			if (KeysetScrollPosition.class.isAssignableFrom(parameterType)) {
				throw new UnsupportedRepositoryMethodException(method, "Spring Data R2DBC scrolls by offset only, "
						+ "so a KeysetScrollPosition parameter cannot be served; declare an OffsetScrollPosition "
						+ "or ScrollPosition parameter and pass ScrollPosition.offset(), or use a Pageable");
			}
			scrollPosition |= ScrollPosition.class.isAssignableFrom(parameterType);
		}
		if (window && !scrollPosition) {
			throw new UnsupportedRepositoryMethodException(method,
					"a Window result needs a ScrollPosition parameter that says where the window starts");
		}
		if (scrollPosition && !window) {
			throw new UnsupportedRepositoryMethodException(method, "a ScrollPosition parameter needs a Window "
					+ "result; return Window<T>, or use a Pageable parameter for a Page, Slice or List");
		}
	}

	private static boolean isReactive(Class<?> type) {
		return Publisher.class.isAssignableFrom(type) || ReactiveWrappers.supports(type);
	}

}
