package dev.cognitocreds.publisher.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

  @Test
  void eachRowStandsAloneAndABadOneSaysItsLine() {
    List<ImportRow> rows =
        CsvRows.parse(
            """
            username,email,licensed,name
            ann,ann@example.com,true,"Ann, the first"
            bob,not-an-address,false,Bob

            cat,cat@example.com,maybe,Cat
            dan,dan@example.com,FALSE,
            eve,"unclosed@example.com,true,Eve
            """);

    assertThat(rows).extracting(ImportRow::line).containsExactly(2, 3, 5, 6, 7);
    assertThat(rows.get(0))
        .isEqualTo(
            new ImportRow(
                2,
                "ann",
                "ann@example.com",
                true,
                Map.of("name", "Ann, the first"),
                Optional.empty()));
    assertThat(rows.get(1).problem()).contains("'not-an-address' is not an e-mail address");
    assertThat(rows.get(2).problem()).contains("licensed is 'maybe': write true or false");
    assertThat(rows.get(3).problem()).isEmpty();
    assertThat(rows.get(3).licensed()).isFalse();
    assertThat(rows.get(3).attributes()).as("an empty column sets nothing").isEmpty();
    assertThat(rows.get(4).problem()).contains("a quote is not closed");
  }

  @Test
  void columnsMayComeInAnyOrderAndAShortRowIsBad() {
    List<ImportRow> rows =
        CsvRows.parse("licensed,username,email\r\ntrue,ann,ann@example.com\r\nfalse,bob\r\n");

    assertThat(rows.get(0).username()).isEqualTo("ann");
    assertThat(rows.get(0).licensed()).isTrue();
    assertThat(rows.get(1).problem()).contains("2 fields where the header has 3");
  }

  @Test
  void aHeaderWithoutTheRequiredColumnsIsRefusedAsAWhole() {
    assertThatThrownBy(() -> CsvRows.parse("user,email\nann,ann@example.com\n"))
        .hasMessageContaining("has no 'username' column");
    assertThatThrownBy(() -> CsvRows.parse("")).hasMessageContaining("the file is empty");
  }
}
