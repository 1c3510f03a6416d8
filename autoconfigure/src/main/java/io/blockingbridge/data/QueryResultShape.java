package io.blockingbridge.data;

import java.lang.reflect.Method;
import java.util.stream.Stream;

/**
 * How a blocking query method returns the values of its reactive query.
 */
enum QueryResultShape {

	/** A single value, possibly absent: the entity, Optional, a number, a boolean or nothing. */
	SINGLE,

	/** All values at once: a List, Set, Collection, Iterable or Streamable. */
	COLLECTION,

	/** A Stream pulling the values as they arrive; closing it cancels the query. */
	STREAM;

	/**
	 * Return the shape of the given method's result.
	 * @param method a repository query method
	 * @return the shape of its result
	 */
	static QueryResultShape of(Method method) {
		Class<?> type = method.getReturnType();
		if (Stream.class.isAssignableFrom(type)) {
			return STREAM;
		}
		if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
			return COLLECTION;
		}
		return SINGLE;
	}

}
