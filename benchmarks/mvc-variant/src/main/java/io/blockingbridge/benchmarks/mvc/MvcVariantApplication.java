package io.blockingbridge.benchmarks.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Benchmark variant D, what users would pick instead of the bridge: Spring MVC on Tomcat with virtual
 * threads, JDBC over HikariCP, and RestClient.
 */
@SpringBootApplication
public class MvcVariantApplication {

	/**
	 * Start the variant.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(MvcVariantApplication.class, args);
	}

}
