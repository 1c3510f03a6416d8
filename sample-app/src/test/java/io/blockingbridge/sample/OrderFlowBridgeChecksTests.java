package io.blockingbridge.sample;

import java.util.List;
import java.util.Map;

import io.blockingbridge.test.BridgeChecks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order flow under {@link BridgeChecks}: placing, notifying and listing orders does not pin a
 * virtual thread. Only pinning is checked: the blocking check (BlockHound) needs JVM flags and stays
 * installed for the rest of the JVM, which the sample's other tests do not expect.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@BridgeChecks(blocking = false)
class OrderFlowBridgeChecksTests {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@Test
	void placingNotifyingAndListingOrdersDoesNotPinAVirtualThread() {
		try (NotificationListener ada = NotificationListener.connect(this.port, "ada")) {
			String location = Logins.as(this.client, "ada").post().uri("/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("items", List.of("margherita")))
				.exchange()
				.expectStatus().isCreated()
				.returnResult(String.class)
				.getResponseHeaders()
				.getLocation()
				.toString();
			long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
			assertThat(ada.next()).isEqualTo("Order #" + id + " will be delivered in 20 minutes");
			Logins.as(this.client, "ada").get().uri("/orders").exchange()
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.orders[0].id").isEqualTo(id);
		}
	}

}
