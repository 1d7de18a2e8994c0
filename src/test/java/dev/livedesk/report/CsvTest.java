package dev.livedesk.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4180 quoting and the defence against spreadsheet formulas. */
class CsvTest {

    @Test
    void plainCellsAreWrittenAsTheyAre() {
        assertThat(Csv.line(List.of("c1", "Ann", "42.5"))).isEqualTo("c1,Ann,42.5\r\n");
    }

    @Test
    void aCellWithACommaQuoteOrLineBreakIsQuotedWithQuotesDoubled() {
        assertThat(Csv.cell("Doe, Jane")).isEqualTo("\"Doe, Jane\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaStartsWithAnApostrophe() {
        for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx")) {
            assertThat(Csv.cell(formula)).isEqualTo("'" + formula);
        }
        assertThat(Csv.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(Csv.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    }

    @Test
    void nullAndEmptyCellsAreEmpty() {
        assertThat(Csv.line(Arrays.asList(null, "", "x"))).isEqualTo(",,x\r\n");
    }
}
