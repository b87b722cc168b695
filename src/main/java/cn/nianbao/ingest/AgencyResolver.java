package cn.nianbao.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.nianbao.model.Agency;

/** Decides which agency a report is from, given its file name and the titles found in it. */
public interface AgencyResolver {

    /** The agency, or empty when none can be named with confidence. */
    Optional<Agency> resolve(String fileName, List<ReportTitle> titles);

    /**
     * The agency a file that gave no report belongs to, by its name alone (an unreadable file, a PDF): where the
     * finding about it goes. Empty when the name names no agency with confidence.
     */
    default Optional<Agency> resolveFile(String fileName) {
        return resolve(fileName, List.of());
    }

    /**
     * The agency of one report of a workbook that holds several (a sheet each): what the sheet says (its name and
     * titles) names it before the file name does, since one file may hold several agencies' reports.
     */
    default Optional<Agency> resolvePart(String sheet, List<ReportTitle> titles, String fileName) {
        List<ReportTitle> all = new ArrayList<>(titles);
        all.add(new ReportTitle(sheet, null, null));
        return resolve(fileName, all);
    }
}
