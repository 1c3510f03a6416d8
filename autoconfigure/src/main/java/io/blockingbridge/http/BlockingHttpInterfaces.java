package io.blockingbridge.http;

import java.lang.reflect.Method;
import java.time.Duration;

import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.web.service.invoker.ReactorHttpExchangeAdapter;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;

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
 * {@link BridgedHttpExchangeAdapter}; for Spring's HTTP service groups
 * ({@code @ImportHttpServices}), declare a {@link #groupConfigurer(String...) group configurer}.
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
		BridgeSettings settings = (client instanceof DefaultBlockingWebClient own) ? own.settings()
				: BridgeSettings.defaults();
		return create(client.getWebClient(), client.getTimeout(), settings, serviceType);
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
		return create(webClient, timeout, BridgeSettings.defaults(), serviceType);
	}

	private static <S> S create(WebClient webClient, @Nullable Duration timeout, BridgeSettings settings,
			Class<S> serviceType) {
		rejectReactiveReturnTypes(serviceType);
		BridgedHttpExchangeAdapter adapter = new BridgedHttpExchangeAdapter(WebClientAdapter.create(webClient),
				timeout, settings);
		return HttpServiceProxyFactory.builderFor(adapter).build().createClient(serviceType);
	}

	/**
	 * Return a configurer of Spring's HTTP service groups ({@code @ImportHttpServices} with the
	 * {@code WEB_CLIENT} client type) that makes the clients of the named groups await through the
	 * bridge, by decorating their exchange adapter with a {@link BridgedHttpExchangeAdapter}. Declare
	 * it as a bean:
	 * <pre class="code">
	 * &#64;Bean
	 * WebClientHttpServiceGroupConfigurer blockingHttpServices() {
	 *     return BlockingHttpInterfaces.groupConfigurer("peer");
	 * }
	 * </pre>
	 * The groups' interfaces must have plain return types; the groups' WebClients keep everything
	 * else Spring Boot configures for them (base URL from
	 * {@code spring.http.serviceclient.<group>.base-url}, customizers, connector). Declared as a bean,
	 * the clients get the {@code bridge.timeout} of the application context outside of any bridge
	 * scope, like the {@link BlockingWebClient.Builder} bean's clients (docs/bridge.md, "Time limits").
	 * @param groupNames the groups to bridge; none means all groups
	 * @return the configurer
	 */
	public static WebClientHttpServiceGroupConfigurer groupConfigurer(String... groupNames) {
		return new BridgedGroupConfigurer(null, groupNames);
	}

	/**
	 * Return a configurer of Spring's HTTP service groups like {@link #groupConfigurer(String...)},
	 * for the application of the given settings: outside of any bridge scope, its clients get that
	 * application's {@code bridge.timeout}.
	 * @param settings the settings of the application the clients belong to
	 * @param groupNames the groups to bridge; none means all groups
	 * @return the configurer
	 */
	public static WebClientHttpServiceGroupConfigurer groupConfigurer(BridgeSettings settings, String... groupNames) {
		return new BridgedGroupConfigurer(settings, groupNames);
	}

	/**
	 * Decorates the exchange adapters of the selected groups; without settings of its own, it takes
	 * those of the bean factory it is declared in.
	 */
	private static final class BridgedGroupConfigurer implements WebClientHttpServiceGroupConfigurer, BeanFactoryAware {

		private final String[] groupNames;

		private @Nullable BridgeSettings settings;

		BridgedGroupConfigurer(@Nullable BridgeSettings settings, String[] groupNames) {
			this.settings = settings;
			this.groupNames = groupNames.clone();
		}

		@Override
		public void setBeanFactory(BeanFactory beanFactory) {
			if (this.settings == null) {
				this.settings = beanFactory.getBeanProvider(BridgeSettings.class).getIfAvailable();
			}
		}

		@Override
		public void configureGroups(HttpServiceGroupConfigurer.Groups<WebClient.Builder> groups) {
			BridgeSettings settings = (this.settings != null) ? this.settings : BridgeSettings.defaults();
			HttpServiceGroupConfigurer.Groups<WebClient.Builder> selected = (this.groupNames.length > 0)
					? groups.filterByName(this.groupNames) : groups;
			selected.forEachProxyFactory((group, factoryBuilder) -> {
				group.httpServiceTypes().forEach(BlockingHttpInterfaces::rejectReactiveReturnTypes);
				factoryBuilder.exchangeAdapterDecorator((adapter) -> bridged(adapter, settings));
			});
		}

	}

	private static HttpExchangeAdapter bridged(HttpExchangeAdapter adapter, BridgeSettings settings) {
		if (!(adapter instanceof ReactorHttpExchangeAdapter reactorAdapter)) {
			throw new IllegalStateException("A blocking HTTP service group needs the WEB_CLIENT client type, but its "
					+ "exchange adapter is a " + adapter.getClass().getName()
					+ "; set clientType = WEB_CLIENT on @ImportHttpServices");
		}
		return new BridgedHttpExchangeAdapter(reactorAdapter, null, settings);
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
