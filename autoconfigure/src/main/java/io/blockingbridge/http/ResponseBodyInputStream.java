package io.blockingbridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;

import io.blockingbridge.core.Bridge;
import io.blockingbridge.core.BridgeCheckedException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * An HTTP response body as an {@link InputStream}, read through {@link Bridge#stream(Flux, Duration)}:
 * the connection is asked for more only as the reader takes it ({@value Bridge#DEFAULT_PREFETCH}
 * buffers ahead at most), each wait is bounded by the time limit, and an interrupt of the reader
 * cancels the exchange. Closing the stream before its end cancels the body, releasing the buffers
 * it holds. Not safe for use by several threads at once, like any InputStream.
 */
final class ResponseBodyInputStream extends InputStream {

	private final Flux<DataBuffer> source;

	private final Duration timeout;

	/** Runs when the stream is closed: the exchange is done with. */
	private final Runnable onClose;

	/** Opened on the first read, so that a stream never read subscribes to nothing. */
	private @Nullable Stream<DataBuffer> buffers;

	private @Nullable Iterator<DataBuffer> iterator;

	private @Nullable DataBuffer current;

	private boolean ended;

	private boolean closed;

	ResponseBodyInputStream(Flux<DataBuffer> source, Duration timeout, Runnable onClose) {
		this.source = source;
		this.timeout = timeout;
		this.onClose = onClose;
	}

	@Override
	public int read() throws IOException {
		DataBuffer buffer = readable();
		return (buffer != null) ? (buffer.read() & 0xFF) : -1;
	}

	@Override
	public int read(byte[] bytes, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		if (length == 0) {
			return 0;
		}
		DataBuffer buffer = readable();
		if (buffer == null) {
			return -1;
		}
		int count = Math.min(length, buffer.readableByteCount());
		buffer.read(bytes, offset, count);
		return count;
	}

	@Override
	public int available() throws IOException {
		checkOpen();
		DataBuffer buffer = this.current;
		return (buffer != null) ? buffer.readableByteCount() : 0;
	}

	/** Return the buffer to read from, taking the next one when the current one is read; {@code null} at the end. */
	private @Nullable DataBuffer readable() throws IOException {
		checkOpen();
		DataBuffer buffer = this.current;
		while (buffer == null || buffer.readableByteCount() == 0) {
			if (buffer != null) {
				this.current = null;
				DataBufferUtils.release(buffer);
			}
			if (this.ended) {
				return null;
			}
			buffer = next();
			if (buffer == null) {
				this.ended = true;
				return null;
			}
			this.current = buffer;
		}
		return buffer;
	}

	private @Nullable DataBuffer next() throws IOException {
		Iterator<DataBuffer> values = this.iterator;
		if (values == null) {
			Stream<DataBuffer> stream = Bridge.stream(this.source, this.timeout);
			this.buffers = stream;
			values = stream.iterator();
			this.iterator = values;
		}
		try {
			return values.hasNext() ? values.next() : null;
		}
		catch (BridgeCheckedException ex) {
			// a connection closed before the end of the body, say: RestClient reports I/O errors as such
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw ex;
		}
	}

	private void checkOpen() throws IOException {
		if (this.closed) {
			throw new IOException("The response body stream is closed");
		}
	}

	/**
	 * Close the stream: before its end, this cancels the body (and so the exchange), releasing
	 * what was received and not read. Closing it again does nothing.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		DataBuffer buffer = this.current;
		this.current = null;
		if (buffer != null) {
			DataBufferUtils.release(buffer);
		}
		Stream<DataBuffer> stream = this.buffers;
		if (stream != null) {
			stream.close();
		}
		this.onClose.run();
	}

}
