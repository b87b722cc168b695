package cn.nianbao.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * A problem (or an assumption) found in an input: the rule that found it, where it is, the two sides
 * and a Chinese message an auditor can act on. {@code expected}/{@code actual}/{@code delta} are
 * null when a rule does not compare numbers.
 */
public record Finding(Severity severity, String rule, String agencyCode, String agencyName, Integer year,
                      String sourceFile, String sheet, List<String> cells, BigDecimal expected,
                      BigDecimal actual, BigDecimal delta, String message) {

    public Finding {
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    /**
     * Stable across runs for the same problem: rule, agency, year, sheet and cells; not the values (a
     * corrected-but-still-wrong number is the same finding) and not the run. A finding about cells does
     * not depend on the file name either (a resubmission under a new name keeps its open findings); a
     * finding about a whole file (no cells: unreadable, duplicate, unknown agency) is about that file,
     * so its name is part of it.
     */
    public String fingerprint() {
        String who = agencyCode != null ? agencyCode : "";
        String file = agencyCode == null || cells.isEmpty() ? nullToEmpty(sourceFileName()) : "";
        String key = String.join("|", rule, who, file, year == null ? "" : year.toString(),
                nullToEmpty(sheet), String.join(" ", cells));
        byte[] digest = Sha256.digest().digest(key.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private String sourceFileName() {
        if (sourceFile == null) {
            return null;
        }
        int slash = Math.max(sourceFile.lastIndexOf('/'), sourceFile.lastIndexOf('\\'));
        return slash < 0 ? sourceFile : sourceFile.substring(slash + 1);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
