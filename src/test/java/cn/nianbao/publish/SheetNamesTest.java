package cn.nianbao.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class SheetNamesTest {

    @Test
    void forbiddenCharactersLengthAndDuplicates() throws Exception {
        SheetNames names = new SheetNames();
        names.reserve("问题清单");
        assertEquals("a_b_c_d_e_f_g_", names.unique("a:b\\c/d?e*f[g]"));
        assertEquals("问题清单(2)", names.unique("问题清单"));
        String longName = "鲤城区人民政府开元街道办事处鲤城区人民政府开元街道办事处鲤城区";
        String first = names.unique(longName);
        String second = names.unique(longName);
        assertEquals(31, first.length());
        assertTrue(second.endsWith("(2)") && second.length() == 31, second);
        assertEquals("单位", names.unique("''"));
        assertEquals("单位_history", names.unique("history"));
        assertEquals("abc", names.unique("abc"));
        assertEquals("ABC(2)", names.unique("ABC"), "Excel compares sheet names ignoring case");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            for (String n : new String[] {first, second, "a_b_c_d_e_f_g_"}) {
                WorkbookUtil.validateSheetName(n);
                wb.createSheet(n);
            }
        }
    }
}
