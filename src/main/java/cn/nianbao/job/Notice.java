package cn.nianbao.job;

import java.time.LocalDate;

/**
 * What the 整改通知 (one printable notice per agency with open findings) says beyond the findings: by when the agency
 * must send its corrected report, and which office issues the notice. Either may be missing: the notice then leaves a
 * line to fill in by hand.
 *
 * @param deadline the date corrections are due
 * @param office   the issuing office, as it signs (「泉州市鲤城区人民政府办公室」)
 */
public record Notice(LocalDate deadline, String office) {

    public static final Notice NONE = new Notice(null, null);

    public Notice {
        office = office == null || office.isBlank() ? null : office.strip();
    }
}
