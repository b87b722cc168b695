package cn.nianbao.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/** Every cell of every sheet of a workbook as displayed, for comparing two outputs by value (restart, roll-up and scale-out tests). */
public final class WorkbookCells {

    private WorkbookCells() {
    }

    public static List<String> cellValues(Path xlsx) throws IOException {
        List<String> values = new ArrayList<>();
        DataFormatter fmt = new DataFormatter();
        try (InputStream in = Files.newInputStream(xlsx); Workbook wb = WorkbookFactory.create(in)) {
            for (Sheet sheet : wb) {
                values.add("## " + sheet.getSheetName());
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        values.add(cell.getAddress() + "=" + fmt.formatCellValue(cell));
                    }
                }
            }
        }
        return values;
    }
}
