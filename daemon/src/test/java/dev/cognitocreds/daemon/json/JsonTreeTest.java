package dev.cognitocreds.daemon.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTreeTest {

  @Test
  void readsObjectsInMemberOrderWithArraysScalarsAndNulls() throws IOException {
    Map<String, Object> tree =
        JsonTree.object(
            bytes(
                "{\"z\":\"last-first\",\"n\":42,\"big\":12345678901,\"f\":1.5,\"t\":true,\"x\":null,"
                    + "\"list\":[\"a\",1,false,null,{\"in\":[]}]}"));

    assertThat(tree.keySet()).containsExactly("z", "n", "big", "f", "t", "x", "list");
    assertThat(tree)
        .containsEntry("z", "last-first")
        .containsEntry("n", 42)
        .containsEntry("big", 12345678901L)
        .containsEntry("f", 1.5)
        .containsEntry("t", true)
        .containsEntry("x", null);
    assertThat((List<?>) tree.get("list"))
        .isEqualTo(Arrays.asList("a", 1, false, null, Map.of("in", List.of())));
  }

  @Test
  void truncatedOrTrailingOrEmptyDocumentsAreRefused() {
    for (String broken : List.of("{\"a\":\"b\"", "{\"a\":\"b\"} {}", "", "[1,2", "{\"a\":}")) {
      assertThatThrownBy(() -> JsonTree.read(bytes(broken)))
          .as(broken)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void aValueThatIsNotAnObjectIsRefusedByObject() {
    assertThatThrownBy(() -> JsonTree.object(bytes("[\"a\"]"))).hasMessage("not a JSON object");
  }

  @Test
  void aFailureSaysWhereButNeverQuotesTheDocument() {
    String secret = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0-refresh-token";

    assertThatThrownBy(() -> JsonTree.read(bytes("{\"refreshToken\": " + secret + "}")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("not valid JSON at line 1, column ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("eyJ").doesNotContain("refresh"))
        .hasNoCause();
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
