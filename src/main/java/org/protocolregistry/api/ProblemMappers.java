package org.protocolregistry.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.arc.ArcUndeclaredThrowableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every exception that reaches the HTTP layer into a problem detail. Messages are
 * written here, never copied from the exception, so no response names a Java type or
 * carries a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private static final Map<String, String> BEARER_CHALLENGE = Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer");

    @Inject
    AllowedMethods allowedMethods;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return ProblemResponses.of(e, path(uri));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return ProblemResponses.of(ProblemType.UNAUTHENTICATED,
                "Send a valid bearer token (Authorization: Bearer <JWT>) signed by the registry's issuer.",
                path(uri), null, BEARER_CHALLENGE);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(ProblemType.FORBIDDEN, "Your role does not allow this operation.", path(uri),
                null, Map.of());
    }

    /**
     * No resource method matched. When the path exists with other methods (a path served by its
     * own resource class under another's prefix, such as /protocols/{id}/reviews, ends here
     * rather than in {@link #notAllowed}), the answer is 405, as for any other path.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        if (!allowedMethods.forPath(path(uri)).isEmpty()) {
            return methodNotAllowed(uri);
        }
        return noResourceAt(path(uri));
    }

    /** The answer for a path where nothing is served (also used by resources that are switched off). */
    public static Response noResourceAt(String path) {
        return ProblemResponses.of(ProblemType.NOT_FOUND, "There is no resource at this path.", path, null, Map.of());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        return methodNotAllowed(uri);
    }

    private Response methodNotAllowed(UriInfo uri) {
        var allow = String.join(", ", allowedMethods.forPath(path(uri)));
        return ProblemResponses.plain(405, "Method Not Allowed",
                "This path does not support the request's method; it supports " + allow + ".", path(uri),
                Map.of(HttpHeaders.ALLOW, allow));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return ProblemResponses.plain(406, "Not Acceptable",
                "None of the media types in the Accept header can be produced; ask for application/json.",
                path(uri), Map.of());
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, UriInfo uri) {
        return ProblemResponses.plain(415, "Unsupported Media Type",
                "Send the body as application/json (Content-Type: application/json).", path(uri), Map.of());
    }

    @ServerExceptionMapper
    public Response invalidParameters(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> Violation.atParameter(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return ProblemResponses.of(ProblemType.INVALID_REQUEST, "Some request parameters are invalid.", path(uri),
                violations, Map.of());
    }

    /** A statement cancelled by its time limit (StatementTimeout): the server is busy or the query too broad. */
    @ServerExceptionMapper({jakarta.persistence.QueryTimeoutException.class, org.hibernate.QueryTimeoutException.class})
    public Response queryTimeout(RuntimeException e, UriInfo uri) {
        LOG.warnf("Statement cancelled by its time limit on %s: %s", path(uri), e.getMessage());
        return tookTooLong("The query took longer than the registry allows and was cancelled. Narrow the filters, "
                + "or retry later.", uri);
    }

    /**
     * A transaction that reached its commit rolled back. Either it had outlived the transaction
     * timeout (30 s) and was rolled back before its commit: on H2, which has no per-statement
     * timeout, this is what ends an overlong search or statistics request; nothing was changed, so
     * it is the same 503 as a cancelled statement. Or the commit itself failed in the database:
     * then whether the changes were stored is unknown (H2 2.4.240 could throw at commit after its
     * transaction had taken effect), and "nothing was changed" would invite a duplicate. Any other
     * undeclared checked exception is an internal fault too.
     */
    @ServerExceptionMapper
    public Response undeclared(ArcUndeclaredThrowableException e, UriInfo uri) {
        if (e.getCause() instanceof jakarta.transaction.RollbackException rollback) {
            if (!RollbackBeforeCommit.is(rollback)) {
                return commitOutcomeUnknown(e, uri);
            }
            LOG.warnf("Transaction rolled back at its commit (timed out) on %s: %s", path(uri),
                    e.getCause().getMessage());
            return tookTooLong("The request took longer than the registry allows and was rolled back; nothing was "
                    + "changed. Narrow the filters, or retry later.", uri);
        }
        return internal(e, uri);
    }

    private static Response commitOutcomeUnknown(Throwable e, UriInfo uri) {
        return incident(e, uri, "A commit failed",
                "The database failed while committing this request, so whether it took effect is unknown. "
                        + "Before sending it again, look for its result, or send it again with the same "
                        + "Idempotency-Key.");
    }

    /**
     * Whether the transaction was rolled back before its commit began (by the transaction
     * reaper, at its timeout), so that nothing was stored. Narayana tells it only by its message
     * id, ARJUNA016102 "The transaction is not active"; a commit that failed once begun is
     * ARJUNA016053 "Could not commit transaction". TransactionTimeoutTest and CommitFailureTest
     * pin both, so a change of wording fails the build rather than the answer.
     */
    static final class RollbackBeforeCommit {

        private RollbackBeforeCommit() {
        }

        static boolean is(jakarta.transaction.RollbackException e) {
            var message = e.getMessage();
            return message != null && message.startsWith("ARJUNA016102");
        }
    }

    /** The 503 of a time limit, statement or transaction: retry in a few seconds or ask for less. */
    private static Response tookTooLong(String detail, UriInfo uri) {
        return ProblemResponses.of(ProblemType.QUERY_TIMEOUT, detail, path(uri), null,
                Map.of(HttpHeaders.RETRY_AFTER, "5"));
    }

    /**
     * A change that waited longer than the database's lock timeout for a row another change holds
     * (10 s on either database; see application.properties), or that a deadlock check chose to
     * roll back.
     * Nothing was written; the same request can simply be sent again.
     */
    @ServerExceptionMapper({jakarta.persistence.LockTimeoutException.class,
        jakarta.persistence.PessimisticLockException.class,
        org.hibernate.exception.LockAcquisitionException.class})
    public Response busy(RuntimeException e, UriInfo uri) {
        LOG.warnf("Lock wait given up on %s: %s", path(uri), e.getMessage());
        return ProblemResponses.of(ProblemType.BUSY,
                "The registry was too busy with other changes to make this one; nothing was changed. Send the same "
                        + "request again after Retry-After seconds.", path(uri), null,
                Map.of(HttpHeaders.RETRY_AFTER, "1"));
    }

    /**
     * The connection failed while the request body was being read: the client stopped sending it
     * for longer than quarkus.http.read-timeout, or hung up. Either way the connection is closing
     * (Quarkus REST closes it at the read timeout, since the rest of that body could still arrive),
     * so the client rarely reads this answer (only when its write wins the race with the close);
     * its status is mostly for the HTTP metrics (http_server_requests counts it as a client error),
     * where a 5xx would raise an alarm about the registry. Neither is a fault of the registry's, so
     * neither is logged as an incident, and nothing was changed: the body is read before any work
     * starts. Any other I/O failure is still an internal fault.
     */
    @ServerExceptionMapper
    public Response connectionFailed(IOException e, UriInfo uri) {
        if (ClientConnection.isBodyReadTimeout(e)) {
            LOG.infof("Request body not received within the read timeout on %s; connection closed", path(uri));
            return ProblemResponses.of(ProblemType.REQUEST_TIMEOUT, "The request body did not arrive within the "
                    + "registry's read timeout; nothing was changed.", path(uri), null, Map.of());
        }
        if (ClientConnection.isClosedByClient(e)) {
            LOG.infof("The client closed the connection on %s before its request body was received", path(uri));
            return ProblemResponses.of(ProblemType.INVALID_REQUEST, "The connection was closed before the request "
                    + "body was received; nothing was changed.", path(uri), null, Map.of());
        }
        return internal(e, uri);
    }

    /** Other framework errors keep their status, with a generic message of our own. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        var status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        var reason = Response.Status.fromStatusCode(status);
        var title = reason == null ? "HTTP " + status : reason.getReasonPhrase();
        return ProblemResponses.plain(status, title, "The request could not be processed: " + title + ".",
                path(uri), Map.of());
    }

    /** The last line of defence: log the fault under an id, tell the client only the id. */
    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        return incident(e, uri, "Unexpected fault", "An unexpected fault occurred.");
    }

    /** A 500 logged at ERROR under a new incident id, which the detail ends by quoting. */
    private static Response incident(Throwable e, UriInfo uri, String logMessage, String detail) {
        var incident = UUID.randomUUID().toString();
        LOG.errorf(e, "%s, incident %s, on %s", logMessage, incident, path(uri));
        return ProblemResponses.of(ProblemType.INTERNAL,
                detail + " Quote incident " + incident + " to the registry operator.", path(uri), null, Map.of());
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private static String lastNode(String propertyPath) {
        var dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
