package io.blockingbridge.autoconfigure;

import io.blockingbridge.http.BridgeClientHttpRequestFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BridgeRestClientAutoConfiguration}: the injected {@code RestClient.Builder} runs over the
 * application's WebClient when the bridge is on, unless switched off or the application chose its
 * own request factory.
 */
class BridgeRestClientAutoConfigurationTests {

	private static final DisposableServer peer = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.handle((request, response) -> response
			.sendString(Mono.just(String.valueOf(request.requestHeaders().get("X-Customized")))))
		.bindNow();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				BridgeRestClientAutoConfiguration.class))
		.withBean(WebClientCustomizer.class, () -> (builder) -> builder.defaultHeader("X-Customized", "yes"));

	@AfterAll
	static void stopPeer() {
		peer.disposeNow();
	}

	@Test
	void injectedRestClientBuilderRunsOverTheApplicationsWebClient() {
		this.runner.withPropertyValues("bridge.enabled=true").run((context) -> {
			assertThat(requestFactory(context)).isInstanceOf(BridgeClientHttpRequestFactory.class);
			// the WebClientCustomizer's default header shows that the call went through the WebClient
			assertThat(call(context)).isEqualTo("yes");
		});
	}

	@Test
	void restClientsShareOneFactory() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.run((context) -> assertThat(requestFactory(context)).isSameAs(requestFactory(context)));
	}

	@Test
	void nothingChangesUnlessTheBridgeIsEnabled() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(BridgeRestClientAutoConfiguration.class);
			assertThat(requestFactory(context)).isNotInstanceOf(BridgeClientHttpRequestFactory.class);
			assertThat(call(context)).isEqualTo("null");
		});
	}

	@Test
	void propertySwitchesItOff() {
		this.runner.withPropertyValues("bridge.enabled=true", "bridge.http.rest-client.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(BridgeRestClientAutoConfiguration.class);
				assertThat(requestFactory(context)).isNotInstanceOf(BridgeClientHttpRequestFactory.class);
			});
	}

	@Test
	void factoryChosenWithSpringBootsPropertyWins() {
		this.runner.withPropertyValues("bridge.enabled=true", "spring.http.clients.imperative.factory=jdk")
			.run((context) -> assertThat(requestFactory(context)).isInstanceOf(JdkClientHttpRequestFactory.class));
	}

	@Test
	void requestFactoryBuilderOfTheApplicationWins() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.withBean(ClientHttpRequestFactoryBuilder.class, ClientHttpRequestFactoryBuilder::simple)
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientHttpRequestFactoryBuilder.class);
				assertThat(requestFactory(context)).isInstanceOf(SimpleClientHttpRequestFactory.class);
			});
	}

	@Test
	void restClientCustomizerSettingAFactoryWins() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.withBean(RestClientCustomizer.class,
					() -> (builder) -> builder.requestFactory(new SimpleClientHttpRequestFactory()))
			.run((context) -> assertThat(requestFactory(context)).isInstanceOf(SimpleClientHttpRequestFactory.class));
	}

	@Test
	void settingsWithAnSslBundleGoToSpringBootsOwnFactory() {
		this.runner.withPropertyValues("bridge.enabled=true").run((context) -> {
			ClientHttpRequestFactoryBuilder<?> builder = context.getBean(ClientHttpRequestFactoryBuilder.class);
			assertThat(builder.build(HttpClientSettings.defaults())).isInstanceOf(BridgeClientHttpRequestFactory.class);
			assertThat(builder.build(HttpClientSettings.ofSslBundle(SslBundle.systemDefault())))
				.isNotInstanceOf(BridgeClientHttpRequestFactory.class);
		});
	}

	private static ClientHttpRequestFactory requestFactory(AssertableApplicationContext context) {
		RestClient.Builder builder = context.getBean(RestClient.Builder.class);
		return (ClientHttpRequestFactory) ReflectionTestUtils.getField(builder, "requestFactory");
	}

	private static String call(AssertableApplicationContext context) {
		return context.getBean(RestClient.Builder.class)
			.baseUrl("http://127.0.0.1:" + peer.port())
			.build()
			.get()
			.uri("/")
			.retrieve()
			.body(String.class);
	}

}
