package io.blockingbridge.http;

import java.lang.reflect.Method;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Creates clients of {@link HttpExchange @HttpExchange} interfaces with plain return types that run
 * on a WebClient and await through the bridge, with the same context, time limit and cancellation
 * as {@link BlockingWebClient}.
 * <pre class="code">
 * interface PeopleClient {
 *     &#64;GetExchange("/people/{id}")
 *     Person person(&#64;PathVariable long id);
 * }
 *
 * PeopleClient people = BlockingHttpInterfaces.create(blockingWebClient, PeopleClient.class);
 * </pre>
 * Methods may return {@code T}, {@code Optional<T>}, {@code ResponseEntity<T>},
 * {@code ResponseEntity<Void>}, {@code HttpHeaders} or {@code void}; reactive return types are
 * rejected (use {@link WebClientAdapter} directly for those). Errors are those of
 * {@link BlockingWebClient}. To configure the proxy factory further, build it on a
 * {@link BridgedHttpExchangeAdapter}.
 */
public final class BlockingHttpInterfaces {

	private BlockingHttpInterfaces() {
	}

	/**
	 * Create a client of the given interface on the given WebClient, with the caller's bridge time
	 * limit.
	 * @param <S> the interface type
	 * @param webClient the WebClient to perform requests with
	 * @param serviceType the {@code @HttpExchange} interface
	 * @return the client
	 */
	public static <S> S create(WebClient webClient, Class<S> serviceType) {
		return create(webClient, null, serviceType);
	}

	/**
	 * Create a client of the given interface on the given blocking client's WebClient, with its
	 * time limit, if it has one.
	 * @param <S> the interface type
	 * @param client the blocking client to perform requests with
	 * @param serviceType the {@code @HttpExchange} interface
	 * @return the client
	 */
	public static <S> S create(BlockingWebClient client, Class<S> serviceType) {
		Duration timeout = (client instanceof DefaultBlockingWebClient defaultClient) ? defaultClient.timeout() : null;
		return create(client.webClient(), timeout, serviceType);
	}

	/**
	 * Create a client of the given interface on the given WebClient, with the given time limit.
	 * @param <S> the interface type
	 * @param webClient the WebClient to perform requests with
	 * @param timeout the time limit of each request, or {@code null} for the caller's bridge
	 * scope's; zero means none
	 * @param serviceType the {@code @HttpExchange} interface
	 * @return the client
	 */
	public static <S> S create(WebClient webClient, @Nullable Duration timeout, Class<S> serviceType) {
		rejectReactiveReturnTypes(serviceType);
		BridgedHttpExchangeAdapter adapter = new BridgedHttpExchangeAdapter(WebClientAdapter.create(webClient),
				timeout);
		return HttpServiceProxyFactory.builderFor(adapter).build().createClient(serviceType);
	}

	private static void rejectReactiveReturnTypes(Class<?> serviceType) {
		ReactiveAdapterRegistry registry = ReactiveAdapterRegistry.getSharedInstance();
		ReflectionUtils.doWithMethods(serviceType, (method) -> {
			Class<?> returnType = method.getReturnType();
			if (Publisher.class.isAssignableFrom(returnType) || registry.getAdapter(returnType) != null) {
				throw new IllegalArgumentException(describe(method) + " returns " + returnType.getSimpleName()
						+ ", but a blocking HTTP interface client needs plain return types such as the body type, "
						+ "Optional, ResponseEntity or void. Return the plain type, or create a reactive client "
						+ "with HttpServiceProxyFactory.builderFor(WebClientAdapter.create(webClient)).");
			}
		}, BlockingHttpInterfaces::isExchangeMethod);
	}

	private static boolean isExchangeMethod(Method method) {
		return AnnotatedElementUtils.hasAnnotation(method, HttpExchange.class);
	}

	private static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName() + "(..)";
	}

}
