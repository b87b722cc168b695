package cn.nianbao.ingest;

import java.util.List;
import java.util.Optional;

import cn.nianbao.model.Agency;

/** Decides which agency a workbook is from, given its file name and the titles found in it. */
public interface AgencyResolver {

    /** The agency, or empty when none can be named with confidence. */
    Optional<Agency> resolve(String fileName, List<ReportTitle> titles);
}
