package io.blockingbridge.autoconfigure;

import io.blockingbridge.core.BridgeSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Registers the {@link BridgeSettings} of an application context while it runs (see
 * {@link BridgeSettings#register(Object)}): first to start, last to stop, so that its web server
 * and scheduled tasks run with it registered.
 */
final class BridgeSettingsRegistrar implements SmartLifecycle, DisposableBean {

	private final ApplicationContext application;

	private final BridgeSettings settings;

	private volatile BridgeSettings.@Nullable Registration registration;

	BridgeSettingsRegistrar(ApplicationContext application, BridgeSettings settings) {
		this.application = application;
		this.settings = settings;
	}

	@Override
	public synchronized void start() {
		if (this.registration == null) {
			this.registration = this.settings.register(this.application);
		}
	}

	@Override
	public synchronized void stop() {
		BridgeSettings.Registration registered = this.registration;
		if (registered != null) {
			this.registration = null;
			registered.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.registration != null;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	@Override
	public void destroy() {
		stop();
	}

}
