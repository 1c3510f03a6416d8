package io.blockingbridge.benchmarks.jmh;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.blockingbridge.core.Bridge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The cost of {@link Bridge#await} against the same work done reactively. Each invocation runs a
 * batch of {@value #BATCH} operations, so that starting the virtual thread the awaits run on is
 * spread over the batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgs = "-Xmx512m")
public class AwaitBenchmark {

	static final int BATCH = 1024;

	static final int CONCURRENCY = 64;

	/**
	 * Await a Mono that is complete when subscribed, on a virtual thread.
	 * @param blackhole sink for the values
	 * @throws InterruptedException never in practice
	 */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void awaitCompletedMonoOnVirtualThread(Blackhole blackhole) throws InterruptedException {
		Thread.ofVirtual().start(() -> {
			for (int i = 0; i < BATCH; i++) {
				blackhole.consume(Bridge.await(Mono.just(i)));
			}
		}).join();
	}

	/**
	 * Subscribe to a Mono that is complete when subscribed, reactively.
	 * @param blackhole sink for the values
	 */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void subscribeCompletedMonoReactively(Blackhole blackhole) {
		for (int i = 0; i < BATCH; i++) {
			Mono.just(i).subscribe(blackhole::consume);
		}
	}

	/**
	 * Await, one after the other, Monos that another thread completes, on a virtual thread.
	 * @param blackhole sink for the values
	 * @throws InterruptedException never in practice
	 */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void awaitMonoCompletedOnAnotherThread(Blackhole blackhole) throws InterruptedException {
		Thread.ofVirtual().start(() -> {
			for (int i = 0; i < BATCH; i++) {
				int value = i;
				blackhole.consume(Bridge.await(Mono.fromCallable(() -> value).subscribeOn(Schedulers.parallel())));
			}
		}).join();
	}

	/**
	 * Like {@link #awaitMonoCompletedOnAnotherThread}, without a time limit: the virtual thread parks
	 * without a timer.
	 * @param blackhole sink for the values
	 * @throws InterruptedException never in practice
	 */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void awaitMonoCompletedOnAnotherThreadWithoutTimeLimit(Blackhole blackhole) throws InterruptedException {
		Thread.ofVirtual().start(() -> {
			for (int i = 0; i < BATCH; i++) {
				int value = i;
				blackhole.consume(Bridge.await(Mono.fromCallable(() -> value).subscribeOn(Schedulers.parallel()),
						Duration.ZERO));
			}
		}).join();
	}

	/**
	 * Chain, one after the other, Monos that another thread completes, reactively.
	 * @param blackhole sink for the values
	 */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void chainMonoCompletedOnAnotherThreadReactively(Blackhole blackhole) {
		blackhole.consume(Flux.range(0, BATCH)
			.concatMap((i) -> Mono.fromCallable(() -> i).subscribeOn(Schedulers.parallel()))
			.blockLast());
	}

	/**
	 * Await Monos that another thread completes from {@value #CONCURRENCY} virtual threads at once:
	 * the cost per await when many are in flight, as in a server, rather than the latency of one.
	 * @param blackhole sink for the values
	 * @throws InterruptedException never in practice
	 */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void awaitMonosCompletedOnAnotherThreadConcurrently(Blackhole blackhole) throws InterruptedException {
		Thread[] threads = new Thread[CONCURRENCY];
		for (int t = 0; t < CONCURRENCY; t++) {
			threads[t] = Thread.ofVirtual().start(() -> {
				for (int i = 0; i < BATCH / CONCURRENCY; i++) {
					int value = i;
					blackhole.consume(Bridge.await(Mono.fromCallable(() -> value).subscribeOn(Schedulers.parallel())));
				}
			});
		}
		for (Thread thread : threads) {
			thread.join();
		}
	}

	/**
	 * The reactive equivalent of {@link #awaitMonosCompletedOnAnotherThreadConcurrently}: the same
	 * Monos, {@value #CONCURRENCY} at once.
	 * @param blackhole sink for the values
	 */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void flatMapMonosCompletedOnAnotherThreadReactively(Blackhole blackhole) {
		blackhole.consume(Flux.range(0, BATCH)
			.flatMap((i) -> Mono.fromCallable(() -> i).subscribeOn(Schedulers.parallel()), CONCURRENCY)
			.blockLast());
	}

}
