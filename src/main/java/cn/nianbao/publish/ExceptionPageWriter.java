package cn.nianbao.publish;

import cn.nianbao.history.FindingChanges;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.nianbao.model.Finding;
import cn.nianbao.model.RunResult;
import cn.nianbao.model.Severity;

/**
 * {@code exceptions.html}: one self-contained page an auditor can open offline (inline CSS, no external
 * resources; a small inline script adds filtering but the page is complete without it). Every piece of
 * text from inputs is HTML-escaped: agency names, file names and messages come from workbooks anyone
 * can write.
 */
public final class ExceptionPageWriter {

    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    public Path write(RunResult run, FindingChanges changes, Path target) throws IOException {
        String html = render(run, changes);
        return AtomicFiles.write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(html);
            w.flush();
        });
    }

    /** The page as a string. {@code changes} may be null (first run: no comparison section). */
    public String render(RunResult run, FindingChanges changes) {
        List<Finding> findings = FindingOrder.sorted(run.findings());
        Map<Severity, Integer> bySeverity = FindingOrder.countBySeverity(findings);
        StringBuilder h = new StringBuilder(8192 + findings.size() * 600);
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>政府信息公开工作年度报告 问题清单</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>政府信息公开工作年度报告 问题清单</h1>\n");

        // run summary
        h.append("<section id=\"run\">\n<table class=\"kv\">\n");
        kv(h, "作业", run.jobName() + "（执行号 " + run.jobExecutionId() + "）");
        kv(h, "状态", run.status());
        kv(h, "开始时间", time(run.started()));
        kv(h, "结束时间", time(run.ended()));
        kv(h, "读取文件", (run.submissions() == null ? 0 : run.submissions().size()) + " 个；采用报告 "
                + (run.reports() == null ? 0 : run.reports().size()) + " 份；跳过文件 "
                + (run.skippedFiles() == null ? 0 : run.skippedFiles().size()) + " 个");
        h.append("</table>\n<p class=\"counts\">");
        for (Severity s : Severity.values()) {
            h.append("<span class=\"badge ").append(cssClass(s)).append("\">").append(esc(s.chinese())).append(' ')
                    .append(bySeverity.get(s)).append("</span> ");
        }
        h.append("共 ").append(findings.size()).append(" 项</p>\n</section>\n");

        if (changes != null) {
            renderChanges(h, changes);
        }

        // counts by rule
        Map<String, Map<Severity, Integer>> byRule = new TreeMap<>();
        for (Finding f : findings) {
            byRule.computeIfAbsent(String.valueOf(f.rule()), k -> FindingOrder.countBySeverity(List.of()))
                    .merge(f.severity(), 1, Integer::sum);
        }
        h.append("<section id=\"by-rule\">\n<h2>按规则统计</h2>\n<table>\n<thead><tr><th>规则</th>");
        severityHeads(h);
        h.append("<th>合计</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Map<Severity, Integer>> e : byRule.entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td>");
            severityCells(h, e.getValue());
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");

        // counts by agency (or file, for findings no agency is known for)
        Map<String, Map<Severity, Integer>> byWho = new LinkedHashMap<>();
        Map<String, Finding> firstOfWho = new LinkedHashMap<>();
        for (Finding f : findings) {
            String who = FindingOrder.whoKey(f);
            firstOfWho.putIfAbsent(who, f);
            byWho.computeIfAbsent(who, k -> FindingOrder.countBySeverity(List.of())).merge(f.severity(), 1, Integer::sum);
        }
        h.append("<section id=\"by-agency\">\n<h2>按单位统计</h2>\n<table>\n<thead><tr><th>单位代码</th><th>单位名称</th>");
        severityHeads(h);
        h.append("<th>合计</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Map<Severity, Integer>> e : byWho.entrySet()) {
            Finding first = firstOfWho.get(e.getKey());
            h.append("<tr><td>").append(esc(first.agencyCode())).append("</td><td>").append(esc(FindingOrder.whoName(first)))
                    .append("</td>");
            severityCells(h, e.getValue());
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");

        // every finding
        h.append("<section id=\"findings\">\n<h2>问题明细</h2>\n");
        h.append("<p class=\"filter\"><label>筛选：<input id=\"q\" type=\"search\" placeholder=\"单位、规则、文件、说明…\"></label> ");
        for (Severity s : Severity.values()) {
            h.append("<label><input type=\"checkbox\" class=\"sev\" value=\"").append(cssClass(s)).append("\" checked> ")
                    .append(esc(s.chinese())).append("</label> ");
        }
        h.append("<span id=\"shown\"></span></p>\n");
        findingTable(h, findings, "all-findings");
        h.append("</section>\n");
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The hook for comparing with the previous run: new, resolved and still-open findings. */
    private void renderChanges(StringBuilder h, FindingChanges changes) {
        h.append("<section id=\"changes\">\n<h2>与上次运行相比</h2>\n<p>新增 ").append(changes.added().size())
                .append(" 项，已解决 ").append(changes.resolved().size()).append(" 项，仍未解决 ")
                .append(changes.stillOpen().size()).append(" 项。</p>\n");
        changeList(h, "新增问题", changes.added(), "changes-new");
        changeList(h, "已解决问题", changes.resolved(), "changes-resolved");
        changeList(h, "仍未解决问题", changes.stillOpen(), "changes-open");
        h.append("</section>\n");
    }

    private void changeList(StringBuilder h, String title, List<Finding> findings, String id) {
        h.append("<details").append(findings.isEmpty() ? "" : " open").append("><summary>").append(esc(title))
                .append("（").append(findings.size()).append("）</summary>\n");
        if (!findings.isEmpty()) {
            findingTable(h, FindingOrder.sorted(findings), id);
        }
        h.append("</details>\n");
    }

    private void findingTable(StringBuilder h, List<Finding> findings, String id) {
        h.append("<table class=\"findings\" id=\"").append(id).append("\">\n<thead><tr><th>严重程度</th><th>规则</th>")
                .append("<th>单位</th><th>年度</th><th>文件</th><th>工作表</th><th>单元格</th><th>应为</th><th>实为</th>")
                .append("<th>差额</th><th>说明</th><th>指纹</th></tr></thead>\n<tbody>\n");
        for (Finding f : findings) {
            h.append("<tr class=\"").append(cssClass(f.severity())).append("\"><td>").append(esc(f.severity().chinese()))
                    .append("</td><td>").append(esc(f.rule()))
                    .append("</td><td>").append(esc(FindingOrder.whoName(f)));
            if (f.agencyCode() != null) {
                h.append("<br><small>").append(esc(f.agencyCode())).append("</small>");
            }
            h.append("</td><td>").append(f.year() == null ? "" : f.year())
                    .append("</td><td>").append(esc(f.sourceFile()))
                    .append("</td><td>").append(esc(f.sheet()))
                    .append("</td><td>").append(esc(String.join(" ", f.cells())))
                    .append("</td><td class=\"num\">").append(number(f.expected()))
                    .append("</td><td class=\"num\">").append(number(f.actual()))
                    .append("</td><td class=\"num\">").append(number(f.delta()))
                    .append("</td><td>").append(esc(f.message()))
                    .append("</td><td><code>").append(esc(f.fingerprint())).append("</code></td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void kv(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static void severityHeads(StringBuilder h) {
        for (Severity s : Severity.values()) {
            h.append("<th>").append(esc(s.chinese())).append("</th>");
        }
    }

    private static void severityCells(StringBuilder h, Map<Severity, Integer> counts) {
        int total = 0;
        for (Severity s : Severity.values()) {
            int n = counts.getOrDefault(s, 0);
            total += n;
            h.append("<td class=\"num").append(n > 0 ? " " + cssClass(s) : "").append("\">").append(n).append("</td>");
        }
        h.append("<td class=\"num\">").append(total).append("</td>");
    }

    private static String cssClass(Severity s) {
        return "sev-" + s.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String number(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }

    private static String time(Instant t) {
        return t == null ? "" : SHOWN_TIME.format(t) + "（" + t + "）";
    }

    /** Escapes text for element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "SimSun", sans-serif;
                   margin: 1.5em; color: #222; font-size: 14px; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
            table { border-collapse: collapse; margin: .5em 0; }
            th, td { border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; text-align: left; }
            thead th { background: #f2f2f2; position: sticky; top: 0; }
            table.kv th { background: #f7f7f7; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.sev-error td, td.sev-error { background: #ffc7ce; }
            tr.sev-warning td, td.sev-warning { background: #ffeb9c; }
            tr.sev-info td, td.sev-info { background: #ddebf7; }
            .badge { display: inline-block; padding: 2px 8px; border-radius: 3px; margin-right: .5em; }
            .badge.sev-error { background: #ffc7ce; } .badge.sev-warning { background: #ffeb9c; }
            .badge.sev-info { background: #ddebf7; }
            table.findings td:nth-child(11) { min-width: 24em; }
            code { font-size: .85em; color: #555; }
            .filter input[type=search] { width: 20em; }
            @media print { .filter { display: none; } thead th { position: static; } }
            """;

    /** Optional filtering; the page shows everything without it. Reads only the DOM, builds no HTML. */
    private static final String SCRIPT = """
            (function () {
              var q = document.getElementById('q');
              var boxes = document.querySelectorAll('input.sev');
              var rows = document.querySelectorAll('#all-findings tbody tr');
              var shown = document.getElementById('shown');
              function apply() {
                var text = q.value.trim().toLowerCase();
                var on = {};
                boxes.forEach(function (b) { on[b.value] = b.checked; });
                var n = 0;
                rows.forEach(function (r) {
                  var visible = on[r.className] && (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
                  r.style.display = visible ? '' : 'none';
                  if (visible) { n++; }
                });
                shown.textContent = '显示 ' + n + ' / ' + rows.length + ' 项';
              }
              q.addEventListener('input', apply);
              boxes.forEach(function (b) { b.addEventListener('change', apply); });
              apply();
            })();
            """;
}
