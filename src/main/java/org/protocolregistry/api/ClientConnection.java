package org.protocolregistry.api;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.function.Predicate;

import io.vertx.core.http.HttpClosedException;

/**
 * Tells the failures of a client's connection, met while its request body is read, from faults
 * of the registry. Quarkus REST reads a body on the worker thread through a blocking stream that
 * throws plain {@link IOException}s: "Read timed out" after quarkus.http.read-timeout without
 * data, and one caused by Vert.x's {@link HttpClosedException} when the client hangs up.
 */
final class ClientConnection {

    /** The message of Quarkus REST's blocking body reader when no data came within the read timeout. */
    static final String READ_TIMED_OUT = "Read timed out";

    private ClientConnection() {
    }

    static boolean isBodyReadTimeout(IOException e) {
        return anyCause(e, cause -> cause instanceof SocketTimeoutException
                || (cause instanceof IOException && READ_TIMED_OUT.equals(cause.getMessage())));
    }

    static boolean isClosedByClient(IOException e) {
        return anyCause(e, cause -> cause instanceof HttpClosedException || cause instanceof ClosedChannelException);
    }

    private static boolean anyCause(Throwable e, Predicate<Throwable> test) {
        for (var cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
