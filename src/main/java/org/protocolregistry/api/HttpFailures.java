package org.protocolregistry.api;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers failures that escape the REST layer (outside any resource, or in an exception
 * mapper itself) with a problem detail instead of the framework's error page, which in
 * dev and test modes would carry a stack trace.
 */
@ApplicationScoped
public class HttpFailures {

    private static final Logger LOG = Logger.getLogger(HttpFailures.class);

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    private void answer(RoutingContext context) {
        if (context.response().headWritten()) {
            context.response().close();
            return;
        }
        var status = context.statusCode() >= 400 && context.statusCode() < 500 ? context.statusCode() : 500;
        String detail;
        if (status == 500) {
            var incident = UUID.randomUUID().toString();
            LOG.errorf(context.failure(), "Unexpected fault, incident %s, on %s", incident, context.request().path());
            detail = "An unexpected fault occurred. Quote incident " + incident + " to the registry operator.";
        } else {
            detail = "The request could not be processed.";
        }
        var title = HttpResponseStatus.valueOf(status).reasonPhrase();
        ProblemResponses.send(context, json, new Problem(status == 500 ? ProblemType.INTERNAL.uri() : "about:blank",
                title, status, detail, context.request().path(), null));
    }
}
