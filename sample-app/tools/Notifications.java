import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Prints the notifications of one customer as they arrive, for trying the sample by hand without a
 * WebSocket tool: {@code java sample-app/tools/Notifications.java ada ada-password [ws://localhost:8080]}
 * (the customer logs in with HTTP Basic on the handshake). Stop it with Ctrl-C.
 */
public class Notifications {

	public static void main(String[] args) throws Exception {
		String customer = (args.length > 0) ? args[0] : "ada";
		String password = (args.length > 1) ? args[1] : customer + "-password";
		String server = (args.length > 2) ? args[2] : "ws://localhost:8080";
		String credentials = Base64.getEncoder()
			.encodeToString((customer + ":" + password).getBytes(StandardCharsets.UTF_8));
		CompletableFuture<Void> closed = new CompletableFuture<>();
		HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Authorization", "Basic " + credentials)
			.buildAsync(URI.create(server + "/ws/notifications"), new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					System.out.println(data);
					webSocket.request(1);
					return null;
				}

				@Override
				public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
					closed.complete(null);
					return null;
				}

				@Override
				public void onError(WebSocket webSocket, Throwable error) {
					closed.completeExceptionally(error);
				}

			})
			.exceptionally((error) -> {
				if (error.getCause() instanceof WebSocketHandshakeException refused) {
					System.err.println("Refused: " + refused.getResponse().statusCode() + " " + refused.getResponse().body());
				}
				else {
					System.err.println("Cannot connect: " + error.getCause());
				}
				System.exit(1);
				return null;
			})
			.join();
		closed.join();
	}

}
