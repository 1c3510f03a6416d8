package io.blockingbridge.operability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads {@code GET /actuator/bridge} of a running test server over real HTTP.
 */
final class BridgeEndpointReader {

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	private final Duration timeout;

	BridgeEndpointReader(int port, Duration timeout) {
		this.port = port;
		this.timeout = timeout;
	}

	/** The endpoint's JSON, asserting that it answered {@code 200}. */
	String json() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/bridge"))
			.timeout(this.timeout)
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	/** The listed request with the given path, or {@code null} if none is listed. */
	Map<String, Object> listed(String path) throws Exception {
		List<Map<String, Object>> requests = JsonPath.read(json(), "$.requests[?(@.path == '" + path + "')]");
		return requests.isEmpty() ? null : requests.get(0);
	}

}
