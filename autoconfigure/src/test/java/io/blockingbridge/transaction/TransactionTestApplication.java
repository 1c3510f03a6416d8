package io.blockingbridge.transaction;

import io.blockingbridge.testsupport.ItemStore;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application the transaction tests run: Spring Boot's R2DBC, transaction and WebFlux
 * auto-configuration with the bridge's, plus transactional services and a blocking-style
 * controller.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ ItemStore.class, BlockingItemService.class, BlockingInnerItemService.class, ReactiveItemService.class,
		TransactionalItemController.class })
class TransactionTestApplication {

}
