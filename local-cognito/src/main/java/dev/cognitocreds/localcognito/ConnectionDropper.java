package dev.cognitocreds.localcognito;

import io.javalin.http.Context;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import org.eclipse.jetty.ee10.servlet.ServletApiRequest;

/** Closes the client's TCP connection without an answer, as a network failure would. */
final class ConnectionDropper {
  private ConnectionDropper() {}

  static void drop(Context ctx) {
    ServletRequest request = ctx.req();
    while (request instanceof ServletRequestWrapper wrapper) {
      request = wrapper.getRequest();
    }
    if (!(request instanceof ServletApiRequest jetty)) {
      throw new IllegalStateException("cannot reach the connection of " + request.getClass());
    }
    jetty.getRequest().getConnectionMetaData().getConnection().getEndPoint().close();
  }
}
