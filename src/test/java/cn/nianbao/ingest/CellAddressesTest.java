package cn.nianbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Column letters as a spreadsheet names them, across the one-, two- and three-letter boundaries. */
class CellAddressesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"0,A", "24,Y", "25,Z", "26,AA", "27,AB", "51,AZ", "52,BA", "701,ZZ", "702,AAA", "16383,XFD"})
    void columnLetters(int col, String letters) {
        assertThat(CellAddresses.column(col)).isEqualTo(letters);
    }
}
