package io.blockingbridge.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.ErrorResponse;

/**
 * The server-sent event that ends a streamed answer whose {@code Stream} failed after its first
 * element: {@code event:error} with an RFC 9457 problem detail as its data. An
 * {@link ErrorResponse} (such as {@code ResponseStatusException}) gives its own problem detail; any
 * other exception is a {@code 500} without detail, so that no internals leak to the client.
 */
final class BlockingStyleStreamError {

	/** The name of the event. */
	static final String EVENT = "error";

	private BlockingStyleStreamError() {
	}

	/**
	 * Return the event for the given failure.
	 * @param failure the exception the stream threw
	 * @return the event, its data the problem detail as JSON text
	 */
	static ServerSentEvent<String> event(Throwable failure) {
		ProblemDetail problem = (failure instanceof ErrorResponse response) ? response.getBody()
				: ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
		return ServerSentEvent.builder(json(problem)).event(EVENT).build();
	}

	private static String json(ProblemDetail problem) {
		HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
		String title = (problem.getTitle() != null) ? problem.getTitle()
				: (status instanceof HttpStatus known) ? known.getReasonPhrase() : null;
		StringBuilder json = new StringBuilder("{\"type\":");
		string(json, (problem.getType() != null) ? problem.getType().toString() : "about:blank");
		if (title != null) {
			json.append(",\"title\":");
			string(json, title);
		}
		json.append(",\"status\":").append(problem.getStatus());
		if (problem.getDetail() != null) {
			json.append(",\"detail\":");
			string(json, problem.getDetail());
		}
		return json.append('}').toString();
	}

	private static void string(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
