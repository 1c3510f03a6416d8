package io.blockingbridge.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Text that every supported database can store: no NUL character (PostgreSQL refuses it in text
 * columns) and no unpaired UTF-16 surrogate (it has no UTF-8 encoding). Bean Validation constraint
 * for request bodies; {@link Check#require} checks request parameters and headers.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StorableText.Validator.class)
public @interface StorableText {

	/**
	 * The message of a violation.
	 * @return the message
	 */
	String message() default "must not contain NUL characters or unpaired surrogates";

	/**
	 * Validation groups.
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * Payload.
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

	/**
	 * Validates {@link StorableText}.
	 */
	class Validator implements ConstraintValidator<StorableText, CharSequence> {

		@Override
		public boolean isValid(@Nullable CharSequence value, ConstraintValidatorContext context) {
			return Check.isStorable(value);
		}

	}

	/**
	 * Checks text that does not pass through Bean Validation: request parameters and headers.
	 */
	final class Check {

		private Check() {
		}

		/**
		 * Whether the given text can be stored.
		 * @param text the text
		 * @return {@code false} if it has a NUL character or an unpaired surrogate
		 */
		public static boolean isStorable(@Nullable CharSequence text) {
			if (text == null) {
				return true;
			}
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c == '\0') {
					return false;
				}
				if (Character.isHighSurrogate(c)) {
					if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
						return false;
					}
					i++;
				}
				else if (Character.isLowSurrogate(c)) {
					return false;
				}
			}
			return true;
		}

		/**
		 * Check a request parameter or header.
		 * @param name what the request calls it, for the problem detail
		 * @param value its value
		 * @return the value
		 * @throws ErrorResponseException ({@code 400}) if it cannot be stored
		 */
		public static String require(String name, String value) {
			if (!isStorable(value)) {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
						"'" + name + "' must not contain NUL characters or unpaired surrogates.");
				problem.setTitle("Invalid characters");
				problem.setProperty("parameter", name);
				throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
			}
			return value;
		}

	}

}
