package io.blockingbridge.http;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * An HTTP response as {@link BlockingWebClient} hands it to an
 * {@link BlockingWebClient.ExchangeFunction exchange function} or an
 * {@link BlockingWebClient.ResponseSpec.ErrorHandler error handler}: its body is read and decoded
 * by the WebClient's codecs while the calling thread waits. The body can be read once.
 */
public interface BlockingClientResponse {

	/**
	 * Return the status code.
	 * @return the status code
	 */
	HttpStatusCode statusCode();

	/**
	 * Return the headers.
	 * @return the read-only headers
	 */
	HttpHeaders headers();

	/**
	 * Return the cookies the server set.
	 * @return the cookies by name
	 */
	MultiValueMap<String, ResponseCookie> cookies();

	/**
	 * Read and decode the body.
	 * @param <T> the body type
	 * @param bodyType the body type
	 * @return the body, or {@code null} if there was none
	 */
	<T> @Nullable T bodyTo(Class<T> bodyType);

	/**
	 * Read and decode the body.
	 * @param <T> the body type
	 * @param bodyType the body type
	 * @return the body, or {@code null} if there was none
	 */
	<T> @Nullable T bodyTo(ParameterizedTypeReference<T> bodyType);

	/**
	 * Read and decode the body, and return it with status and headers.
	 * @param <T> the body type
	 * @param bodyType the body type
	 * @return the response entity
	 */
	<T> ResponseEntity<T> toEntity(Class<T> bodyType);

	/**
	 * Release the body and return status and headers.
	 * @return the response entity without a body
	 */
	ResponseEntity<Void> toBodilessEntity();

	/**
	 * Read the body and create the {@link WebClientResponseException} subclass matching the status
	 * ({@code NotFound} for 404 and so on), holding status, headers and body, to throw.
	 * @return the exception
	 */
	WebClientResponseException createException();

	/**
	 * Return the reactive response this one reads from.
	 * @return the WebClient response
	 */
	ClientResponse getClientResponse();

}
