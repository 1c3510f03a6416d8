package io.blockingbridge.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The food-delivery sample: a WebFlux application written in blocking style on Blocking Bridge.
 * {@code POST /orders} saves an order, asks the kitchen ({@code /kitchen/orders}, part of this
 * application) to cook it and notifies the customer on {@code /ws/notifications}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	/**
	 * Start the sample.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
