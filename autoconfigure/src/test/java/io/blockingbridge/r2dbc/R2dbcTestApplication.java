package io.blockingbridge.r2dbc;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application the R2DBC tests run: Spring Boot's R2DBC, transaction and WebFlux
 * auto-configuration with the bridge's, plus transactional services and a blocking-style
 * controller.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ ItemStore.class, BlockingItemService.class, BlockingInnerItemService.class, ReactiveItemService.class,
		TransactionalItemController.class })
class R2dbcTestApplication {

	/** Common properties: bridge on, a small pool that fails fast rather than hang when leaking. */
	static final String BRIDGE_ENABLED = "bridge.enabled=true";

	static final String POOL_MAX_SIZE = "spring.r2dbc.pool.max-size=4";

	static final String POOL_INITIAL_SIZE = "spring.r2dbc.pool.initial-size=1";

	static final String POOL_MAX_ACQUIRE_TIME = "spring.r2dbc.pool.max-acquire-time=10s";

	static final String H2_URL = "spring.r2dbc.url=r2dbc:h2:mem:///bb_tx?options=DB_CLOSE_DELAY=-1";

	static final String POSTGRESQL_URL = "spring.r2dbc.url=r2dbc:postgresql://postgres@127.0.0.1:5432/${BRIDGE_TEST_PG_DATABASE:test}";

}
