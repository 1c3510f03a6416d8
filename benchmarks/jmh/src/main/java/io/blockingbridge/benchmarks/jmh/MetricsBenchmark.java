package io.blockingbridge.benchmarks.jmh;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.blockingbridge.core.AwaitObserver;
import io.blockingbridge.core.AwaitOutcome;
import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeScope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The cost of the bridge's metrics per await and per request. An await in a scope with an
 * {@link AwaitObserver} counting into Micrometer counters (what the auto-configuration installs
 * when the application has a MeterRegistry) against the same await in a scope without one; and the
 * end of a request as the metrics record it: a lookup of the handler's pre-built timers and one
 * {@code Timer.record}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgs = "-Xmx512m")
public class MetricsBenchmark {

	static final int BATCH = 1000;

	private Context plain;

	private Context observed;

	private final ConcurrentMap<Method, Timer[]> timers = new ConcurrentHashMap<>();

	private Method handler;

	/**
	 * Build the meters once, as the auto-configuration does.
	 * @throws NoSuchMethodException never
	 */
	@Setup
	public void setUp() throws NoSuchMethodException {
		MeterRegistry registry = new SimpleMeterRegistry();
		Counter[] counters = new Counter[AwaitOutcome.values().length];
		for (AwaitOutcome outcome : AwaitOutcome.values()) {
			counters[outcome.ordinal()] = Counter.builder("bridge.awaits").tag("outcome", outcome.tag()).register(registry);
		}
		this.plain = Context.empty();
		this.observed = AwaitObserver.bind(Context.empty(), (outcome) -> counters[outcome.ordinal()].increment());
		this.handler = MetricsBenchmark.class.getMethod("requestEndRecorded");
		Timer[] handlerTimers = new Timer[4];
		for (int i = 0; i < handlerTimers.length; i++) {
			handlerTimers[i] = Timer.builder("bridge.requests").tag("method", "MetricsBenchmark#requestEndRecorded")
				.tag("outcome", "o" + i).register(registry);
		}
		this.timers.put(this.handler, handlerTimers);
	}

	/**
	 * Await completed Monos in a scope without metrics, on a virtual thread.
	 * @param blackhole sink for the values
	 * @throws InterruptedException never in practice
	 */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void awaitWithoutMetrics(Blackhole blackhole) throws InterruptedException {
		awaitBatch(this.plain, blackhole);
	}

	/**
	 * Await completed Monos in a scope whose awaits are counted, on a virtual thread.
	 * @param blackhole sink for the values
	 * @throws InterruptedException never in practice
	 */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void awaitWithMetrics(Blackhole blackhole) throws InterruptedException {
		awaitBatch(this.observed, blackhole);
	}

	/**
	 * Record the end of a request: look up the handler's timers and record the duration.
	 */
	@Benchmark
	public void requestEndRecorded() {
		this.timers.get(this.handler)[0].record(1_000_000, TimeUnit.NANOSECONDS);
	}

	private static void awaitBatch(Context context, Blackhole blackhole) throws InterruptedException {
		Thread.ofVirtual().start(() -> {
			try (BridgeScope scope = BridgeScope.open(context)) {
				for (int i = 0; i < BATCH; i++) {
					blackhole.consume(Bridge.await(Mono.just(i)));
				}
			}
		}).join();
	}

}
