package cn.nianbao.validate;

import java.util.List;

import cn.nianbao.model.Agency;
import cn.nianbao.model.Report;
import cn.nianbao.template.TemplateCatalogue;

/**
 * Facts a within-report check needs that the report alone lacks: the catalogue (labels, formats), the
 * agency as the roster knows it (its kind decides A-REGULATION-SCOPE; null = use the report's agency)
 * and the reader's notes on this report.
 */
public record ValidationContext(TemplateCatalogue catalogue, Agency rosterAgency, List<ReaderNote> notes) {

    public ValidationContext {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public static ValidationContext of(TemplateCatalogue catalogue) {
        return new ValidationContext(catalogue, null, List.of());
    }

    public ValidationContext withAgency(Agency agency) {
        return new ValidationContext(catalogue, agency, notes);
    }

    public ValidationContext withNotes(List<ReaderNote> newNotes) {
        return new ValidationContext(catalogue, rosterAgency, newNotes);
    }

    /** The roster's agency when known, else the report's. */
    public Agency agencyOf(Report report) {
        return rosterAgency != null ? rosterAgency : report.agency();
    }
}
