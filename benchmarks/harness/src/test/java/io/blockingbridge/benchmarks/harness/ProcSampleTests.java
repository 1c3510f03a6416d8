package io.blockingbridge.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The harness's /proc reading, on this JVM's own /proc entries and on stat and status text as the kernel
 * writes it: a broken parse must fail here, not turn into a report of zeros.
 */
@Timeout(60)
class ProcSampleTests {

	@Test
	void splitsThisJvmsCpuByThreadNameAndCountsContextSwitches() throws Exception {
		long pid = ProcessHandle.current().pid();
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch started = new CountDownLatch(2);
		// Named as Reactor Netty names its loops; Linux keeps "reactor-http-ep".
		Thread spinner = Thread.ofPlatform().name("reactor-http-epoll-7").start(() -> {
			started.countDown();
			long sum = 0;
			while (!stop.get()) {
				sum += System.nanoTime() % 7;
			}
			assertThat(sum).isNotNegative();
		});
		// Sleeps and wakes: voluntary context switches.
		Thread sleeper = Thread.ofPlatform().name("r2dbc-test-sleeper").start(() -> {
			started.countDown();
			while (!stop.get()) {
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		started.await();
		ProcSample before = ProcSample.take(pid);
		assertThat(before.threads().values()).extracting(ProcSample.ThreadSample::name).contains("reactor-http-ep", "r2dbc-test-slee");
		long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
		while (System.nanoTime() < until) {
			Thread.onSpinWait();
		}
		ProcSample after = ProcSample.take(pid);
		stop.set(true);
		spinner.join();
		sleeper.join();

		ProcSample.Interval window = before.until(after);
		Map<CpuGroup, Double> split = window.cpuSecondsByGroup();
		assertThat(split).containsOnlyKeys(CpuGroup.values());
		// the spinner ran ~0.6 s (less on a busy machine, never nothing)
		assertThat(split.get(CpuGroup.HTTP_LOOPS)).isGreaterThan(0.05);
		assertThat(window.cpuSeconds()).isGreaterThanOrEqualTo(split.get(CpuGroup.HTTP_LOOPS));
		double sum = split.values().stream().mapToDouble(Double::doubleValue).sum();
		assertThat(sum).isCloseTo(window.cpuSeconds(), org.assertj.core.data.Offset.offset(1e-9));
		// ~600 sleeps of 1 ms
		assertThat(window.contextSwitches()).isGreaterThan(100);
	}

	@Test
	void readsTicksAndNameFromStatLinesWhoseNameHasSpacesAndParentheses() {
		String stat = "4242 (C2 CompilerThre) S 1 4242 1 0 -1 4194368 1200 0 3 0 1234 567 0 0 20 0 40 0 2051 "
				+ "4000000000 30000 18446744073709551615 1 1 0 0 0 0 0 4096 17612 0 0 0 17 1 0 0 0 0 0";
		assertThat(ProcSample.ticks(stat)).isEqualTo(1234 + 567);
		assertThat(ProcSample.name(stat)).isEqualTo("C2 CompilerThre");
		String odd = "7 (a) b (c)) R 1 7 1 0 -1 0 0 0 0 0 10 20 0 0 20 0 1 0 1 1 1 1";
		assertThat(ProcSample.ticks(odd)).isEqualTo(30);
		assertThat(ProcSample.name(odd)).isEqualTo("a) b (c)");
	}

	@Test
	void statLinesThatAreNotFailLoudly() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcSample.ticks("4242 S 1 2 3"))
			.withMessageContaining("no ')'");
		assertThatIllegalArgumentException().isThrownBy(() -> ProcSample.ticks("4242 (java) S 1 2 3"))
			.withMessageContaining("fields after the name");
		// one field short before utime: the state would be read as a number
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcSample.ticks("4242 (java) 1 4242 1 0 -1 4194368 1200 0 3 0 1234 567 0 0 20 0 40"))
			.withMessageContaining("state");
	}

	@Test
	void contextSwitchesFromStatusTextAndFromThisThread() throws Exception {
		String status = "Name:\tjava\nState:\tS (sleeping)\nvoluntary_ctxt_switches:\t150\nnonvoluntary_ctxt_switches:\t7\n";
		assertThat(ProcSample.contextSwitches(status)).isEqualTo(157);
		assertThatIllegalArgumentException().isThrownBy(() -> ProcSample.contextSwitches("Name:\tjava\nvoluntary_ctxt_switches:\t150\n"))
			.withMessageContaining("nonvoluntary_ctxt_switches");
		String real = Files.readString(Path.of("/proc/thread-self/status"));
		assertThat(ProcSample.contextSwitches(real)).isPositive();
	}

	@Test
	void aThreadThatEndsInTheWindowIsCountedAsEndedAndANewOneFromZero() {
		ProcSample start = new ProcSample(1000, Map.of(1, new ProcSample.ThreadSample("ForkJoinPool-1-", 300, 50),
				2, new ProcSample.ThreadSample("GC Thread#0", 100, 10), 3, new ProcSample.ThreadSample("reactor-tcp-epo", 50, 5)));
		// thread 3 ended (it used 20 more ticks first); thread 4 is new; thread 2's id went to a new "C2" thread
		ProcSample end = new ProcSample(1400, Map.of(1, new ProcSample.ThreadSample("ForkJoinPool-1-", 500, 90),
				2, new ProcSample.ThreadSample("C2 CompilerThre", 30, 4), 4, new ProcSample.ThreadSample("reactor-http-ep", 150, 20)));
		ProcSample.Interval window = start.until(end);
		assertThat(window.cpuSeconds()).isEqualTo(4.0);
		assertThat(window.cpuSecondsByGroup()).containsEntry(CpuGroup.CARRIERS, 2.0)
			.containsEntry(CpuGroup.JIT, 0.3)
			.containsEntry(CpuGroup.HTTP_LOOPS, 1.5)
			.containsEntry(CpuGroup.GC, 0.0)
			.containsEntry(CpuGroup.DB_LOOPS, 0.0)
			.containsEntry(CpuGroup.EXITED, 0.2);
		assertThat(window.contextSwitches()).isEqualTo(40 + 4 + 20);
	}

	@Test
	void threadNamesAsLinuxCutsThemFallIntoTheirGroups() {
		Map<String, CpuGroup> names = Map.of("reactor-http-ep", CpuGroup.HTTP_LOOPS, "http-nio-8080-P", CpuGroup.HTTP_LOOPS,
				"reactor-tcp-epo", CpuGroup.DB_LOOPS, "ForkJoinPool-1-", CpuGroup.CARRIERS, "ForkJoinPool.co", CpuGroup.OTHER,
				"GC Thread#1", CpuGroup.GC, "G1 Conc#0", CpuGroup.GC, "C2 CompilerThre", CpuGroup.JIT, "C1 CompilerThre",
				CpuGroup.JIT, "VM Thread", CpuGroup.OTHER);
		names.forEach((name, group) -> assertThat(CpuGroup.of(name)).as(name).isEqualTo(group));
		assertThat(List.of(CpuGroup.values())).extracting(CpuGroup::key).doesNotHaveDuplicates();
	}

}
