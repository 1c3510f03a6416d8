package io.blockingbridge.autoconfigure;

import io.blockingbridge.r2dbc.BlockingDatabaseClient;
import io.blockingbridge.r2dbc.BlockingR2dbcEntityTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.r2dbc.core.R2dbcEntityOperations;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.r2dbc.dialect.PostgresDialect;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BlockingDatabaseClientAutoConfiguration}: the client over the application's
 * DatabaseClient and its conditions.
 */
class BlockingDatabaseClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class, BridgeAutoConfiguration.class,
				BlockingDatabaseClientAutoConfiguration.class))
		.withPropertyValues("spring.r2dbc.generate-unique-name=true");

	@Test
	void enabledBridgeProvidesAClientOverTheApplicationsDatabaseClient() {
		this.runner.withPropertyValues("bridge.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(BlockingDatabaseClient.class);
			assertThat(context.getBean(BlockingDatabaseClient.class).getDatabaseClient())
				.isSameAs(context.getBean(DatabaseClient.class));
		});
	}

	@Test
	void withoutTheBridgeThereIsNoClient() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(BlockingDatabaseClient.class));
	}

	@Test
	void applicationsOwnBlockingDatabaseClientWins() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.withBean("myClient", BlockingDatabaseClient.class,
					() -> BlockingDatabaseClient.create(DatabaseClient.builder()
						.connectionFactory(new ConnectionFactoryStub())
						.bindMarkers(BindMarkersFactory.indexed("$", 1))
						.build()))
			.run((context) -> assertThat(context).hasSingleBean(BlockingDatabaseClient.class).hasBean("myClient"));
	}

	@Test
	void withSpringDataR2dbcThereIsAnEntityTemplateOverTheApplicationsEntityOperations() {
		this.runner.withConfiguration(AutoConfigurations.of(DataR2dbcAutoConfiguration.class))
			.withPropertyValues("bridge.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(BlockingR2dbcEntityTemplate.class);
				assertThat(context.getBean(BlockingR2dbcEntityTemplate.class).getEntityOperations())
					.isSameAs(context.getBean(R2dbcEntityOperations.class));
			});
	}

	@Test
	void withoutEntityOperationsThereIsNoEntityTemplate() {
		this.runner.withPropertyValues("bridge.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(BlockingDatabaseClient.class);
			assertThat(context).doesNotHaveBean(BlockingR2dbcEntityTemplate.class);
		});
	}

	@Test
	void withoutSpringDataR2dbcOnTheClassPathThereIsNoEntityTemplate() {
		this.runner.withPropertyValues("bridge.enabled=true")
			.withClassLoader(new FilteredClassLoader(R2dbcEntityOperations.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(BlockingDatabaseClient.class);
				assertThat(context).doesNotHaveBean(BlockingR2dbcEntityTemplate.class);
			});
	}

	@Test
	void applicationsOwnEntityTemplateWins() {
		this.runner.withConfiguration(AutoConfigurations.of(DataR2dbcAutoConfiguration.class))
			.withPropertyValues("bridge.enabled=true")
			.withBean("myTemplate", BlockingR2dbcEntityTemplate.class,
					() -> BlockingR2dbcEntityTemplate.create(new R2dbcEntityTemplate(DatabaseClient.builder()
						.connectionFactory(new ConnectionFactoryStub())
						.bindMarkers(BindMarkersFactory.indexed("$", 1))
						.build(), PostgresDialect.INSTANCE)))
			.run((context) -> assertThat(context).hasSingleBean(BlockingR2dbcEntityTemplate.class).hasBean("myTemplate"));
	}

}
