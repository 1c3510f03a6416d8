package io.blockingbridge.web;

import java.lang.reflect.Field;
import java.util.function.Predicate;

import io.blockingbridge.core.BridgeUsageException;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.SpringVersion;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;

/**
 * The one place the bridge reaches into Spring WebFlux's internals: the private fields of
 * {@link RequestMappingHandlerAdapter} holding its scheduler for blocking methods and its blocking
 * method predicate. WebFlux only accepts an {@code Executor}, which it wraps in a scheduler that
 * cannot tell which request a task belongs to, so {@link BlockingStyleAdapterPostProcessor} sets the
 * scheduler field itself; {@link BlockingStyleRuntimeHints} registers both fields for a native image.
 * <p>
 * Both fields are looked up, with their types, when an instance is created: at start-up, by the
 * post-processor. If this version of Spring WebFlux has them no more (or with another type), the
 * application fails to start with a {@link BridgeUsageException} naming the Spring Framework
 * version and what to do, instead of running {@code @BlockingStyle} methods on the event loop.
 */
final class WebFluxInternals {

	static final String ADAPTER = "org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter";

	/** The field of {@link RequestMappingHandlerAdapter} holding its scheduler for blocking methods. */
	static final String SCHEDULER_FIELD = "scheduler";

	/** The field of {@link RequestMappingHandlerAdapter} holding its blocking method predicate. */
	static final String PREDICATE_FIELD = "blockingMethodPredicate";

	private final Field scheduler;

	private final Field predicate;

	WebFluxInternals() {
		this(RequestMappingHandlerAdapter.class, SpringVersion.getVersion());
	}

	/**
	 * Look up the fields on the given class: {@link RequestMappingHandlerAdapter}, or in tests a class
	 * that stands for a version of Spring WebFlux that changed it.
	 * @param adapterType the class holding the fields
	 * @param springVersion the Spring Framework version to name if a field is missing
	 */
	WebFluxInternals(Class<?> adapterType, @Nullable String springVersion) {
		this.scheduler = field(adapterType, SCHEDULER_FIELD, Scheduler.class, springVersion);
		this.predicate = field(adapterType, PREDICATE_FIELD, Predicate.class, springVersion);
	}

	@Nullable Scheduler scheduler(RequestMappingHandlerAdapter adapter) {
		return (Scheduler) ReflectionUtils.getField(this.scheduler, adapter);
	}

	void setScheduler(RequestMappingHandlerAdapter adapter, Scheduler scheduler) {
		ReflectionUtils.setField(this.scheduler, adapter, scheduler);
	}

	@SuppressWarnings("unchecked")
	@Nullable Predicate<HandlerMethod> blockingMethodPredicate(RequestMappingHandlerAdapter adapter) {
		return (Predicate<HandlerMethod>) ReflectionUtils.getField(this.predicate, adapter);
	}

	private static Field field(Class<?> type, String name, Class<?> expectedType, @Nullable String springVersion) {
		Field field = ReflectionUtils.findField(type, name);
		if (field == null || field.getType() != expectedType) {
			String found = (field != null) ? "its field '" + name + "' is a " + field.getType().getName()
					: "it has no field '" + name + "'";
			throw changed(springVersion, type.getSimpleName() + " was changed: " + found + ", where the bridge "
					+ "expects a " + expectedType.getName() + ".");
		}
		try {
			ReflectionUtils.makeAccessible(field);
		}
		catch (RuntimeException ex) {
			throw changed(springVersion, "the field '" + name + "' of " + type.getSimpleName()
					+ " cannot be made accessible (" + ex + ").");
		}
		return field;
	}

	private static BridgeUsageException changed(@Nullable String springVersion, String what) {
		return new BridgeUsageException("Blocking Bridge cannot run @BlockingStyle methods on this version of "
				+ "Spring WebFlux (Spring Framework " + springVersion + "): " + what + " The bridge sets the scheduler "
				+ "and blocking method predicate of RequestMappingHandlerAdapter to run those methods on virtual "
				+ "threads, and will not start without them rather than run them on the event loop.",
				"Use a version of Blocking Bridge that supports Spring Framework " + springVersion
						+ ", or switch the bridge off with 'bridge.enabled: false' until there is one.");
	}

}
