package io.blockingbridge.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of PostgreSQL (127.0.0.1:5432) for one application instance, so that the
 * test can cut that instance off the database at once, as when its process is killed: {@link #cut()}
 * closes every connection and refuses new ones. {@link #freeze()} stops forwarding bytes in both
 * directions without closing anything, as the database's processes look from the client when they
 * are stopped ({@code kill -STOP}); {@link #thaw()} forwards what was held back and goes on.
 */
final class DatabaseProxy implements AutoCloseable {

	private static final int POSTGRES_PORT = 5432;

	private final ServerSocket server;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private final Object gate = new Object();

	private boolean frozen;

	DatabaseProxy() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().name("database-proxy").start(this::accept);
	}

	/** The R2DBC URL of the database through the proxy. */
	String r2dbcUrl() {
		String database = System.getenv().getOrDefault("SAMPLE_DATABASE", "test");
		return "r2dbc:postgresql://postgres@127.0.0.1:" + this.server.getLocalPort() + "/" + database;
	}

	private void accept() {
		while (!this.cut) {
			try {
				Socket client = this.server.accept();
				Socket database = new Socket(InetAddress.getLoopbackAddress(), POSTGRES_PORT);
				this.sockets.add(client);
				this.sockets.add(database);
				if (this.cut) {
					closeAll();
					return;
				}
				pump(client, database);
				pump(database, client);
			}
			catch (IOException ex) {
				// Cut, or one connection failed: go on accepting unless cut.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread.ofVirtual().name("database-proxy-pump").start(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				byte[] buffer = new byte[8192];
				int read;
				while ((read = in.read(buffer)) != -1) {
					awaitThawed();
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// Closed.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				close(from);
				close(to);
			}
		});
	}

	/** Stops forwarding bytes (in both directions, also on new connections) until {@link #thaw()}. */
	void freeze() {
		synchronized (this.gate) {
			this.frozen = true;
		}
	}

	/** Forwards the bytes held back since {@link #freeze()}, and goes on forwarding. */
	void thaw() {
		synchronized (this.gate) {
			this.frozen = false;
			this.gate.notifyAll();
		}
	}

	private void awaitThawed() throws InterruptedException {
		synchronized (this.gate) {
			while (this.frozen && !this.cut) {
				this.gate.wait(100);
			}
		}
	}

	/** Closes every connection through the proxy and refuses new ones. */
	void cut() {
		this.cut = true;
		close(this.server);
		closeAll();
	}

	private void closeAll() {
		this.sockets.forEach(DatabaseProxy::close);
	}

	private static void close(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Already closed.
		}
	}

	@Override
	public void close() {
		cut();
	}

}
