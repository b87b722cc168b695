package cn.nianbao.validate;

import java.util.Optional;

import cn.nianbao.model.Report;

/** Reports of earlier runs, for the checks across years. The database implementation comes later. */
public interface ReportHistory {

    Optional<Report> find(String agencyCode, int year);

    /** No history at all. */
    static ReportHistory none() {
        return (code, year) -> Optional.empty();
    }
}
