package dev.cognitocreds.client.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests that run the client against a fresh {@link StubDaemon} in a temporary home. */
public abstract class WithStubDaemon {
  @TempDir protected Path home;
  protected StubDaemon daemon;

  @BeforeEach
  void startStubDaemon() throws IOException {
    daemon = new StubDaemon(home);
  }

  @AfterEach
  void stopStubDaemon() {
    daemon.close();
  }
}
