package io.blockingbridge.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class only if the named database server answers on its port. Without it
 * the tests are skipped with a notice on standard error, except under CI ({@code CI=true}), where a
 * missing server fails them: CI must run them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DatabaseAvailableCondition.class)
public @interface RequiresDatabase {

	/**
	 * The database server the tests need.
	 * @return the server
	 */
	TestDatabase value();

}
