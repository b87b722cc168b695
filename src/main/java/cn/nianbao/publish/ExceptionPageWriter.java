package cn.nianbao.publish;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import cn.nianbao.history.FindingChanges;
import cn.nianbao.model.Disposition;
import cn.nianbao.model.Finding;
import cn.nianbao.model.RunResult;
import cn.nianbao.model.Severity;

/**
 * {@code exceptions.html}: one self-contained page an auditor can open offline, on a desk or a phone (inline CSS, no
 * external resource; a small inline script adds filtering, and the page is complete without it). Each finding is
 * shown once, with its state against the previous run and its decision; the settled and the resolved ones apart.
 *
 * <p>The page is the template src/main/jte/exceptions.jte, compiled to Java at build time and rendered by jte for
 * HTML: every value is escaped by where it stands (agency names, file names and messages come from workbooks anyone
 * can write), and nothing here builds HTML.
 */
public final class ExceptionPageWriter {

    public static final String TITLE = "政府信息公开工作年度报告 问题清单";

    /** The precompiled templates (gg.jte.generated.precompiled), HTML-escaping by default. */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The words auditors read for Spring Batch's status of the run. */
    private static final Map<String, String> STATUS = Map.of("COMPLETED", "已完成", "FAILED", "失败", "STARTED", "运行中",
            "STOPPED", "已停止");

    public Path write(RunResult run, FindingChanges changes, Review review, Path target) throws IOException {
        String html = render(run, changes, review);
        return AtomicFiles.write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(html);
            w.flush();
        });
    }

    /** The page without the job's context (rule ids as names, no decisions). */
    public String render(RunResult run, FindingChanges changes) {
        return render(run, changes, Review.plain());
    }

    /** The page as a string. {@code changes} may be null (first run: no comparison). */
    public String render(RunResult run, FindingChanges changes, Review review) {
        StringOutput out = new StringOutput(8192);
        TEMPLATES.render("exceptions.jte", page(run, changes, review), out);
        return out.toString();
    }

    /** What the page shows, as text. */
    static ExceptionPage page(RunResult run, FindingChanges changes, Review review) {
        List<Finding> findings = review.order().inOrder(run.findings());
        List<Finding> open = review.open(findings);
        List<Finding> settled = review.settled(findings);
        List<Finding> resolved = review.resolved(findings, changes == null ? List.of() : changes.resolved());
        Set<String> added = new HashSet<>();
        Set<String> stillOpen = new HashSet<>();
        if (changes != null) {
            changes.added().forEach(f -> added.add(f.fingerprint()));
            changes.stillOpen().forEach(f -> stillOpen.add(f.fingerprint()));
        }
        Function<Finding, String> state = f -> changes == null ? "" : added.contains(f.fingerprint()) ? "新增"
                : stillOpen.contains(f.fingerprint()) ? "仍未解决" : "";

        List<ExceptionPage.Fact> facts = new ArrayList<>();
        facts.add(new ExceptionPage.Fact("作业", run.jobName() + "（执行号 " + run.jobExecutionId() + "）"));
        facts.add(new ExceptionPage.Fact("状态", STATUS.getOrDefault(run.status(), run.status())));
        facts.add(new ExceptionPage.Fact("开始时间", time(run.started(), review)));
        facts.add(new ExceptionPage.Fact("结束时间", time(run.ended(), review)));
        facts.add(new ExceptionPage.Fact("读取文件", size(run.submissions()) + " 个；采用报告 " + size(run.reports()) + " 份；跳过文件 "
                + size(run.skippedFiles()) + " 个"));

        Map<Severity, Integer> bySeverity = FindingOrder.countBySeverity(open);
        List<ExceptionPage.Badge> badges = new ArrayList<>();
        for (Severity s : Severity.values()) {
            badges.add(new ExceptionPage.Badge(css(s), s.chinese(), bySeverity.get(s)));
        }
        ExceptionPage.Changes compared = changes == null ? null
                : new ExceptionPage.Changes(changes.added().size(), changes.resolved().size(), changes.stillOpen().size());

        Map<String, List<Finding>> byWho = review.order().byAgency(findings);
        List<ExceptionPage.Tally> whoTallies = new ArrayList<>();
        byWho.values().forEach(list -> whoTallies.add(tally(FindingOrder.whoName(list.get(0)), nullToEmpty(list.get(0).agencyCode()),
                list, review)));
        Map<String, List<Finding>> byRule = new TreeMap<>();
        findings.forEach(f -> byRule.computeIfAbsent(String.valueOf(f.rule()), k -> new ArrayList<>()).add(f));
        List<ExceptionPage.Tally> ruleTallies = new ArrayList<>();
        byRule.forEach((rule, list) -> {
            String name = review.ruleName(rule);
            ruleTallies.add(tally(name, name.equals(rule) ? "" : rule, list, review));
        });

        return new ExceptionPage(TITLE, facts, badges, open.size(), settled.size(), compared, whoTallies, ruleTallies,
                rows(open, state, review), rows(settled, state, review), rows(resolved, f -> "已解决", review));
    }

    private static ExceptionPage.Tally tally(String name, String code, List<Finding> findings, Review review) {
        List<Finding> open = findings.stream().filter(f -> !review.settled(f)).toList();
        Map<Severity, Integer> n = FindingOrder.countBySeverity(open);
        return new ExceptionPage.Tally(name, code, n.get(Severity.ERROR), n.get(Severity.WARNING), n.get(Severity.INFO),
                findings.size() - open.size(), findings.size());
    }

    private static List<ExceptionPage.Row> rows(List<Finding> findings, Function<Finding, String> state, Review review) {
        List<ExceptionPage.Row> rows = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Disposition d = review.decision(f);
            String stateWord = state.apply(f);
            boolean resolved = "已解决".equals(stateWord);
            rows.add(new ExceptionPage.Row(css(f.severity()), f.severity().chinese(), nullToEmpty(review.ruleName(f.rule())),
                    nullToEmpty(f.rule()), FindingOrder.whoName(f), nullToEmpty(f.agencyCode()), f.year() == null ? "" : f.year().toString(),
                    nullToEmpty(f.sourceFile()), nullToEmpty(f.sheet()), String.join(" ", f.cells()), number(f.expected()),
                    number(f.actual()), number(f.delta()), nullToEmpty(f.message()), stateWord,
                    d == null || d.status() == null ? "" : d.statusLabel(), d == null || d.note() == null ? "" : d.note(),
                    !resolved && review.figuresChanged(f), f.fingerprint()));
        }
        return rows;
    }

    static String css(Severity s) {
        return "sev-" + s.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static String number(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }

    /** Local time to the second, in the review's time zone. */
    private static String time(Instant t, Review review) {
        return t == null ? "" : SHOWN_TIME.format(t.atZone(review.zone()));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
