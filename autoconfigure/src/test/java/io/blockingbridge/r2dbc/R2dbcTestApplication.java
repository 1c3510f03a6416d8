package io.blockingbridge.r2dbc;

import io.blockingbridge.testsupport.ItemStore;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application the R2DBC tests run: Spring Boot's R2DBC, transaction and WebFlux
 * auto-configuration with the bridge's, plus a store that tells how many connections are in use.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ItemStore.class)
class R2dbcTestApplication {

}
