package dev.cognitocreds.localcognito;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletApiRequest;

/** Closes the client's TCP connection without an answer, as a network failure would. */
final class ConnectionDropper {
    private ConnectionDropper() {
    }

    static void drop(Context ctx) {
        if (ctx.req() instanceof ServletApiRequest request) {
            request.getRequest().getConnectionMetaData().getConnection().getEndPoint().close();
        } else {
            throw new IllegalStateException("cannot reach the connection of " + ctx.req().getClass());
        }
    }
}
