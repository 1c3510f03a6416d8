package io.blockingbridge.web;

import java.util.concurrent.Executor;
import java.util.function.Predicate;

import io.blockingbridge.core.BridgeUsageException;
import io.blockingbridge.testsupport.StartFailures;
import org.junit.jupiter.api.Test;
import reactor.core.CoreSubscriber;
import reactor.core.scheduler.Scheduler;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The internals of Spring WebFlux ({@link WebFluxInternals}) and Reactor ({@link ReactorInternals})
 * that blocking-style controllers rely on are checked at start-up: on the versions the build uses
 * they are there; a version that changed them (stood for by another class to inspect, or a lookup
 * that no longer finds a task's subscriber) fails the start with an analysis naming the version and
 * what to do.
 */
class FrameworkInternalsTests {

	@Test
	void webFluxOfThisBuildHasTheFieldsTheBridgeSets() {
		assertThatNoException().isThrownBy(WebFluxInternals::new);
	}

	@Test
	void webFluxWithoutTheSchedulerFieldFailsTheStart() {
		FailureAnalysis analysis = analysisOf(() -> new WebFluxInternals(AdapterWithoutScheduler.class, "7.9.0"));
		assertThat(analysis.getDescription())
			.contains("Spring Framework 7.9.0", "AdapterWithoutScheduler was changed: it has no field 'scheduler'");
		assertThat(analysis.getAction()).isEqualTo("Use a version of Blocking Bridge that supports Spring Framework "
				+ "7.9.0, or switch the bridge off with 'bridge.enabled: false' until there is one.");
	}

	@Test
	void webFluxWithAPredicateFieldOfAnotherTypeFailsTheStart() {
		FailureAnalysis analysis = analysisOf(() -> new WebFluxInternals(AdapterWithOtherPredicate.class, "7.9.0"));
		assertThat(analysis.getDescription()).contains("Spring Framework 7.9.0",
				"its field 'blockingMethodPredicate' is a java.util.function.BiPredicate, where the bridge expects a "
						+ "java.util.function.Predicate");
	}

	@Test
	void webFluxWithTheSchedulerAsAnExecutorFailsTheStart() {
		FailureAnalysis analysis = analysisOf(() -> new WebFluxInternals(AdapterWithExecutor.class, "7.9.0"));
		assertThat(analysis.getDescription()).contains("its field 'scheduler' is a java.util.concurrent.Executor");
	}

	@Test
	void reactorOfThisBuildLeadsEveryTaskToItsSubscriber() {
		assertThatNoException().isThrownBy(ReactorInternals::check);
		assertThat(ReactorInternals.version()).isNotBlank();
	}

	@Test
	void reactorWhoseInternalTasksNoLongerNameTheirSubscriberFailsTheStart() {
		// stands for a Reactor whose internal tasks no longer answer Scannable.Attr.ACTUAL
		FailureAnalysis analysis = analysisOf(() -> ReactorInternals
			.check((task) -> (task instanceof CoreSubscriber<?> subscriber) ? subscriber : null, "3.9.0"));
		assertThat(analysis.getDescription()).contains("Reactor Core 3.9.0",
				"the tasks it schedules for publishOn over a value no longer lead to the subscriber",
				"Scannable.Attr.ACTUAL");
		assertThat(analysis.getDescription()).doesNotContain("publishOn over a value, publishOn");
		assertThat(analysis.getAction()).isEqualTo("Use a version of Blocking Bridge that supports Reactor Core 3.9.0, "
				+ "or switch the bridge off with 'bridge.enabled: false' until there is one.");
	}

	private static FailureAnalysis analysisOf(Runnable check) {
		BridgeUsageException failure = catchFailure(check);
		FailureAnalysis analysis = StartFailures.analysisOf(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getCause()).isSameAs(failure);
		return analysis;
	}

	private static BridgeUsageException catchFailure(Runnable check) {
		BridgeUsageException[] caught = new BridgeUsageException[1];
		assertThatExceptionOfType(BridgeUsageException.class).isThrownBy(check::run)
			.satisfies((ex) -> caught[0] = ex);
		return caught[0];
	}

	/** Stands for a RequestMappingHandlerAdapter that lost its scheduler field. */
	static class AdapterWithoutScheduler {

		private Predicate<HandlerMethod> blockingMethodPredicate = (method) -> false;

	}

	/** Stands for a RequestMappingHandlerAdapter whose predicate became of another type. */
	static class AdapterWithOtherPredicate {

		private Scheduler scheduler;

		private java.util.function.BiPredicate<HandlerMethod, Object> blockingMethodPredicate;

	}

	/** Stands for a RequestMappingHandlerAdapter that keeps the executor instead of a scheduler. */
	static class AdapterWithExecutor extends RequestMappingHandlerAdapter {

		private Executor scheduler;

	}

}
