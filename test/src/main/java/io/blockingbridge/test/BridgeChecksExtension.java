package io.blockingbridge.test;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link BridgeChecks}: fails a test whose code pinned a
 * virtual thread to its carrier thread or blocked a thread that must never block. Use it through
 * {@code @BridgeChecks}, which also carries its settings; registered with
 * {@code @ExtendWith(BridgeChecksExtension.class)} alone it runs both checks with their defaults.
 */
public class BridgeChecksExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BridgeChecksExtension.class);

	/**
	 * Create the extension; JUnit does for {@code @BridgeChecks} and {@code @ExtendWith}.
	 */
	public BridgeChecksExtension() {
	}

	/**
	 * Install BlockHound before the test class starts anything (such as an application context),
	 * so that the threads it starts are watched from their first task.
	 */
	@Override
	public void beforeAll(ExtensionContext context) {
		BridgeChecks checks = settings(context);
		if (checks == null || checks.blocking()) {
			BlockingCalls.install();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		BridgeChecks checks = settings(context);
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		if (checks == null || checks.pinning()) {
			long threshold = (checks != null) ? checks.pinningThresholdMillis()
					: BridgeChecks.DEFAULT_PINNING_THRESHOLD_MILLIS;
			PinningRecorder recorder = PinningRecorder.forThreshold(context.getRoot(), threshold);
			store.put(PinningRecorder.Window.class, recorder.open());
		}
		if (checks == null || checks.blocking()) {
			BlockingCalls.install();
			store.put(BlockingCalls.Window.class, BlockingCalls.open());
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		StringBuilder failures = new StringBuilder();
		PinningRecorder.Window pinning = store.remove(PinningRecorder.Window.class, PinningRecorder.Window.class);
		if (pinning != null) {
			pinning.describeTo(failures);
		}
		BlockingCalls.Window blocking = store.remove(BlockingCalls.Window.class, BlockingCalls.Window.class);
		if (blocking != null) {
			blocking.describeTo(failures);
		}
		if (!failures.isEmpty()) {
			throw new AssertionError(failures.toString().stripTrailing());
		}
	}

	private static @Nullable BridgeChecks settings(ExtensionContext context) {
		List<ExtensionContext> contexts = new ArrayList<>();
		for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
			contexts.add(current);
		}
		for (ExtensionContext current : contexts) {
			BridgeChecks checks = current.getElement()
				.flatMap((element) -> AnnotationSupport.findAnnotation(element, BridgeChecks.class))
				.orElse(null);
			if (checks != null) {
				return checks;
			}
		}
		return null;
	}

}
