//! The report as one self-contained HTML page: inline CSS, charts drawn as inline SVG when the
//! page is generated, the report JSON embedded, and a few lines of inline script (download the
//! JSON). No network access at all — no fonts, scripts or images from elsewhere — so the page
//! can be mailed to a DPO or opened on an isolated workstation.
//!
//! Every number drawn is also in a `data-*` attribute of a stable element (`#chart-timeline
//! .bucket`, `#chart-refusals .bar`, `#chart-transfers .bar`, `.kpi`, `#table-…`), so a test can
//! check, in a real browser, that what is shown equals the JSON.

use std::fmt::Write as _;

use super::report::{Bucket, Report};

/// Escapes text and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON safe inside `<script>`: `<`, `>` and `&` only occur inside JSON strings, where their
/// `\u` escapes mean the same.
fn script_json(report: &Report) -> String {
    serde_json::to_string(report)
        .expect("report serialises")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A "nice" axis maximum (1, 2, 2.5, 5 × 10^k) at or above `v`, and its tick step.
fn nice_max(v: u64) -> (u64, u64) {
    if v == 0 {
        return (4, 1);
    }
    let mut mag = 1u64;
    while mag * 10 <= v {
        mag *= 10;
    }
    for step_mul in [1u64, 2, 5, 10] {
        let step = (mag * step_mul / 4).max(1);
        let top = v.div_ceil(step) * step;
        if top / step <= 5 {
            return (top, step);
        }
    }
    (v, v.max(1))
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "—".to_string()
    } else {
        format!("{:.1} %", part as f64 * 100.0 / whole as f64)
    }
}

const CSS: &str = r#"
:root{--ink:#1c2434;--muted:#667085;--line:#e4e7ec;--bg:#f4f6f9;--card:#fff;--fwd:#2f855a;--drop:#d69e2e;--rej:#c53030;--acc:#3552c6;--teal:#0f766e;--navy:#13203b}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header{background:var(--navy);color:#fff;padding:22px 0 20px}
.wrap{max-width:1180px;margin:0 auto;padding:0 28px}
header .brand{font-size:12px;letter-spacing:.12em;text-transform:uppercase;color:#9fb3ff;font-weight:600}
header h1{margin:2px 0 6px;font-size:24px;font-weight:650;letter-spacing:-.01em}
header .meta{display:flex;flex-wrap:wrap;gap:6px 22px;color:#cfd8f6;font-size:13px}
header .meta b{color:#fff;font-weight:600}
header button{float:right;margin-top:6px;background:transparent;color:#fff;border:1px solid #5b6fae;border-radius:6px;padding:6px 12px;font:inherit;font-size:13px;cursor:pointer}
header button:hover{background:#22325a}
main.wrap{padding-top:22px;padding-bottom:40px}
.alert{background:#fff4e5;border:1px solid #f5c98b;color:#7a4a00;border-radius:8px;padding:10px 14px;margin-bottom:16px}
.kpis{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:14px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px 12px;border-top:4px solid var(--acc);box-shadow:0 1px 2px rgba(16,24,40,.04)}
.kpi[data-metric=forwarded]{border-top-color:var(--fwd)}
.kpi[data-metric=dropped]{border-top-color:var(--drop)}
.kpi[data-metric=rejected]{border-top-color:var(--rej)}
.kpi[data-metric=withdrawals]{border-top-color:var(--teal)}
.kpi .label{color:var(--muted);font-size:11.5px;text-transform:uppercase;letter-spacing:.06em;font-weight:600}
.kpi .kpi-value{font-size:30px;font-weight:650;line-height:1.2;margin-top:4px;font-variant-numeric:tabular-nums}
.kpi .sub{color:var(--muted);font-size:12px}
.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:14px;margin-top:14px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px 14px;box-shadow:0 1px 2px rgba(16,24,40,.04);min-width:0}
.card.wide{grid-column:1/-1}
.stack{display:flex;flex-direction:column;gap:14px;min-width:0}.stack .card{flex:1 1 auto}
.card h2{font-size:15px;margin:0;font-weight:650}
.card .hint{color:var(--muted);font-size:12.5px;margin:2px 0 12px}
.legend{display:flex;gap:16px;font-size:12.5px;color:var(--muted);margin:-4px 0 6px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px}
svg.chart{display:block;width:100%;height:auto}
svg.chart text{font-family:inherit;font-size:11px;fill:#475467}
svg.chart .axis{stroke:#98a2b3;stroke-width:1}
svg.chart .grid{stroke:#eef0f3;stroke-width:1}
svg.chart .value{fill:#1c2434;font-weight:600}
svg.chart text.day{fill:#667085;font-weight:600}
svg.chart .seg-forwarded{fill:var(--fwd)}
svg.chart .seg-dropped{fill:var(--drop)}
svg.chart .seg-rejected{fill:var(--rej)}
svg.chart .bar-refusal{fill:var(--acc)}
svg.chart .bar-transfer{fill:var(--teal)}
svg.chart .bar-finding{fill:#b54708}
.empty{color:var(--muted);font-style:italic;padding:18px 0}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:7px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
th{font-size:11.5px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.05em;border-bottom-color:#d0d5dd}
tbody tr:last-child td{border-bottom:0}
td.num,th.num{text-align:right;white-space:nowrap}
.meter{display:inline-block;width:90px;height:6px;background:#eef0f3;border-radius:3px;overflow:hidden;vertical-align:middle;margin-right:8px}
.meter i{display:block;height:100%;background:var(--fwd)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;background:#f2f4f7;padding:1px 6px;border-radius:4px}
.tag{display:inline-block;font-size:11.5px;padding:1px 8px;border-radius:10px;background:#eef2ff;color:#3538cd;margin-right:4px}
.tag.bad{background:#fef3f2;color:#b42318}.tag.ok{background:#ecfdf3;color:#067647}.tag.info{background:#f0f9ff;color:#026aa2}
footer{color:var(--muted);font-size:12.5px;border-top:1px solid var(--line);margin-top:22px;padding-top:12px}
@media (max-width:900px){.kpis{grid-template-columns:repeat(2,minmax(0,1fr))}.grid{grid-template-columns:1fr}}
@media print{body{background:#fff}header{background:#fff;color:var(--ink);border-bottom:2px solid var(--ink)}header .meta,header .brand{color:var(--muted)}header .meta b{color:var(--ink)}header button{display:none}.card,.kpi{box-shadow:none;break-inside:avoid}}
"#;

const SCRIPT: &str = r#"
(function(){
  var data = document.getElementById('report-data');
  var report = JSON.parse(data.textContent);
  var btn = document.getElementById('download-json');
  btn.addEventListener('click', function(){
    var blob = new Blob([JSON.stringify(report, null, 2)], {type: 'application/json'});
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'leadguard-audit-report.json';
    document.body.appendChild(a); a.click(); a.remove();
  });
  document.documentElement.setAttribute('data-rendered', String(report.events['in']));
})();
"#;

/// The page.
pub fn render(report: &Report) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let w = &report.window;
    let e = &report.events;
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
         <title>leadguard audit report</title>\n<style>{CSS}</style>\n</head>\n<body>"
    );
    let _ = writeln!(
        h,
        "<header><div class=\"wrap\"><button id=\"download-json\" type=\"button\">Download JSON</button>\
         <div class=\"brand\">leadguard · audit trail</div><h1>Audit report</h1><div class=\"meta\">\
         <span>Source <b>{}</b></span><span>Window <b>{} → {}</b></span>\
         <span>Records <b>{} → {}</b></span><span>Generated <b>{}</b></span></div></div></header>\n<main class=\"wrap\">",
        esc(&report.source),
        esc(w.from.as_deref().unwrap_or("beginning")),
        esc(w.to.as_deref().unwrap_or("end")),
        esc(w.first_processed_at.as_deref().unwrap_or("—")),
        esc(w.last_processed_at.as_deref().unwrap_or("—")),
        esc(&report.generated_at),
    );
    if report.unreadable_records > 0 {
        let _ = writeln!(
            h,
            "<div class=\"alert\" id=\"unreadable\" data-value=\"{0}\"><b>{0} line(s) of the source are not audit records.</b> \
             Run <code>leadguard audit verify</code> to locate them.</div>",
            report.unreadable_records
        );
    }

    // KPIs.
    h.push_str("<section class=\"kpis\">\n");
    let kpis = [
        (
            "in",
            "Events in",
            e.input,
            "records in the window".to_string(),
        ),
        (
            "forwarded",
            "Forwarded",
            e.forwarded,
            format!("{} of events", pct(e.forwarded, e.input)),
        ),
        (
            "dropped",
            "Dropped",
            e.dropped,
            format!("{} · sent nowhere", pct(e.dropped, e.input)),
        ),
        (
            "rejected",
            "Rejected",
            e.rejected,
            format!("{} · dead letter", pct(e.rejected, e.input)),
        ),
        (
            "withdrawals",
            "Withdrawals applied",
            report.withdrawals.withdrawals_applied,
            format!("{} event(s) affected", report.withdrawals.events_affected),
        ),
    ];
    for (metric, label, value, sub) in kpis {
        let _ = writeln!(
            h,
            "<div class=\"kpi\" data-metric=\"{metric}\" data-value=\"{value}\"><div class=\"label\">{label}</div>\
             <div class=\"kpi-value\">{value}</div><div class=\"sub\">{}</div></div>",
            esc(&sub)
        );
    }
    h.push_str("</section>\n<section class=\"grid\">\n");

    // Decisions over time.
    let per = match report.timeline.bucket {
        Bucket::Hour => "hour",
        Bucket::Day => "day",
    };
    let _ = writeln!(
        h,
        "<div class=\"card wide\"><h2>Decisions over time</h2><p class=\"hint\">Events per {per} of <code>processed_at</code>, by outcome.</p>\
         <div class=\"legend\"><span><i style=\"background:var(--fwd)\"></i>forwarded</span><span><i style=\"background:var(--drop)\"></i>dropped</span><span><i style=\"background:var(--rej)\"></i>rejected</span></div>"
    );
    timeline_svg(&mut h, report);
    h.push_str("</div>\n");

    // Refusals by reason.
    h.push_str("<div class=\"card\"><h2>Refusals by reason</h2><p class=\"hint\">Blocked destinations and rejections, per reason code (rule ids in brackets).</p>\n");
    let bars: Vec<(String, String, u64)> = report
        .refusals
        .iter()
        .map(|r| {
            (
                r.reason.clone(),
                if r.rules.is_empty() {
                    r.reason.clone()
                } else {
                    format!("{} [{}]", r.reason, r.rules.join(","))
                },
                r.count,
            )
        })
        .collect();
    hbar_svg(
        &mut h,
        "chart-refusals",
        "bar-refusal",
        &bars,
        "No refusal in this window.",
    );
    h.push_str("</div>\n");

    // Transfers by country, and sensitive findings, stacked beside the refusals.
    h.push_str("<div class=\"stack\"><div class=\"card\"><h2>Transfers by country</h2><p class=\"hint\">Forwarded copies to recipients outside the EEA (T1–T3), with their safeguards.</p>\n");
    let bars: Vec<(String, String, u64)> = report
        .transfers_by_country
        .iter()
        .map(|c| {
            let safeguards: Vec<&str> = report
                .transfers
                .iter()
                .filter(|t| t.country == c.country)
                .map(|t| t.safeguard.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            (
                c.country.clone(),
                format!("{} ({})", c.country, safeguards.join(", ")),
                c.count,
            )
        })
        .collect();
    hbar_svg(
        &mut h,
        "chart-transfers",
        "bar-transfer",
        &bars,
        "No transfer outside the EEA in this window.",
    );
    h.push_str("</div>\n<div class=\"card\"><h2>Sensitive findings by category</h2><p class=\"hint\">Sensitive data found in events (S1–S3), removed, encrypted or redacted before forwarding.</p>\n");
    let bars: Vec<(String, String, u64)> = report
        .sensitive_findings
        .iter()
        .map(|f| (f.category.clone(), f.category.clone(), f.count))
        .collect();
    hbar_svg(
        &mut h,
        "chart-findings",
        "bar-finding",
        &bars,
        "No sensitive finding in this window.",
    );
    h.push_str("</div></div>\n");

    // Per destination.
    h.push_str("<div class=\"card wide\"><h2>Per destination</h2><p class=\"hint\">Events that reached the destination's decision, forwarded or blocked.</p>\n\
        <table id=\"table-destinations\"><thead><tr><th>Destination</th><th class=\"num\">Events in</th><th class=\"num\">Forwarded</th><th class=\"num\">Blocked</th><th>Forwarded share</th></tr></thead><tbody>\n");
    for d in &report.destinations {
        let share = if d.events_in == 0 {
            0.0
        } else {
            d.forwarded as f64 * 100.0 / d.events_in as f64
        };
        let _ = writeln!(
            h,
            "<tr data-destination=\"{n}\"><td><code>{n}</code></td><td class=\"num\" data-field=\"events_in\" data-value=\"{}\">{}</td>\
             <td class=\"num\" data-field=\"forwarded\" data-value=\"{}\">{}</td><td class=\"num\" data-field=\"blocked\" data-value=\"{}\">{}</td>\
             <td><span class=\"meter\"><i style=\"width:{share:.1}%\"></i></span>{share:.1} %</td></tr>",
            d.events_in,
            d.events_in,
            d.forwarded,
            d.forwarded,
            d.blocked,
            d.blocked,
            n = esc(&d.name)
        );
    }
    h.push_str("</tbody></table></div>\n");

    // Refusals table.
    h.push_str("<div class=\"card\"><h2>Refusals by reason and rule</h2><p class=\"hint\">A destination blocked for two reasons counts under both.</p>\n\
        <table id=\"table-refusals\"><thead><tr><th>Reason</th><th>Rules</th><th class=\"num\">Count</th></tr></thead><tbody>\n");
    for r in &report.refusals {
        let _ = writeln!(
            h,
            "<tr data-reason=\"{0}\"><td><code>{0}</code></td><td>{1}</td><td class=\"num\" data-value=\"{2}\">{2}</td></tr>",
            esc(&r.reason),
            r.rules.iter().map(|x| format!("<span class=\"tag\">{}</span>", esc(x))).collect::<String>(),
            r.count
        );
    }
    h.push_str("</tbody></table>\n<table id=\"table-rules\" style=\"margin-top:12px\"><thead><tr><th>Rule</th><th class=\"num\">Refusals</th></tr></thead><tbody>\n");
    for r in &report.refusals_by_rule {
        let _ = writeln!(
            h,
            "<tr data-rule=\"{0}\"><td><span class=\"tag\">{0}</span></td><td class=\"num\" data-value=\"{1}\">{1}</td></tr>",
            esc(&r.rule),
            r.count
        );
    }
    h.push_str("</tbody></table></div>\n");

    // Transfers, interconnections, findings, withdrawals.
    h.push_str("<div class=\"card\"><h2>Transfers outside the EEA</h2><p class=\"hint\">Per recipient country, safeguard and destination.</p>\n\
        <table id=\"table-transfers\"><thead><tr><th>Country</th><th>Safeguard</th><th>Destination</th><th class=\"num\">Copies</th></tr></thead><tbody>\n");
    for t in &report.transfers {
        let _ = writeln!(
            h,
            "<tr data-country=\"{0}\"><td>{0}</td><td><span class=\"tag info\">{1}</span></td><td><code>{2}</code></td><td class=\"num\" data-value=\"{3}\">{3}</td></tr>",
            esc(&t.country),
            esc(&t.safeguard),
            esc(&t.destination),
            t.count
        );
    }
    if report.transfers.is_empty() {
        h.push_str("<tr><td colspan=\"4\" class=\"empty\">None.</td></tr>\n");
    }
    h.push_str("</tbody></table>\n");
    let i = &report.interconnections;
    let _ = writeln!(
        h,
        "<h2 style=\"margin-top:18px\">Interconnections</h2><p class=\"hint\">Data of datasets with different purposes related (I1–I4).</p>\n\
         <table id=\"table-interconnections\"><thead><tr><th>Status</th><th>Datasets</th><th>Reference</th><th class=\"num\">Events</th></tr></thead><tbody>\n\
         <tr data-status=\"authorised\" class=\"total\"><td><span class=\"tag ok\">authorised</span></td><td colspan=\"2\">all</td><td class=\"num\" data-value=\"{0}\">{0}</td></tr>\n\
         <tr data-status=\"unauthorised\" class=\"total\"><td><span class=\"tag bad\">unauthorised</span></td><td colspan=\"2\">all</td><td class=\"num\" data-value=\"{1}\">{1}</td></tr>\n\
         <tr data-status=\"correlated\" class=\"total\"><td><span class=\"tag info\">correlated</span></td><td colspan=\"2\">all</td><td class=\"num\" data-value=\"{2}\">{2}</td></tr>",
        i.authorised, i.unauthorised, i.correlated
    );
    for d in &i.details {
        let _ = writeln!(
            h,
            "<tr class=\"detail\"><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(d.status.as_str()),
            esc(&d.datasets.join(" + ")),
            esc(d.reference.as_deref().unwrap_or("—")),
            d.count
        );
    }
    h.push_str("</tbody></table></div>\n");

    h.push_str("<div class=\"card\"><h2>Sensitive findings</h2><p class=\"hint\">Sensitive data found in events (S1–S3) and what was done with it.</p>\n\
        <table id=\"table-findings\"><thead><tr><th>Category</th><th>Actions</th><th class=\"num\">Findings</th></tr></thead><tbody>\n");
    for f in &report.sensitive_findings {
        let actions: String = f
            .actions
            .iter()
            .map(|(a, n)| format!("<span class=\"tag\">{} {n}</span>", esc(a)))
            .collect();
        let _ = writeln!(
            h,
            "<tr data-category=\"{0}\"><td><code>{0}</code></td><td>{1}</td><td class=\"num\" data-value=\"{2}\">{2}</td></tr>",
            esc(&f.category),
            actions,
            f.count
        );
    }
    if report.sensitive_findings.is_empty() {
        h.push_str("<tr><td colspan=\"3\" class=\"empty\">None.</td></tr>\n");
    }
    h.push_str("</tbody></table></div>\n");

    let wd = &report.withdrawals;
    let _ = writeln!(
        h,
        "<div class=\"card\"><h2>Withdrawals, erasures and flags</h2><p class=\"hint\">Withdrawals and objections applied (C6), erasure requests, and recorded flags.</p>\n\
         <table id=\"table-withdrawals\"><tbody>\n\
         <tr data-field=\"withdrawals_applied\"><td>Channel refusals caused by the withdrawals stream</td><td class=\"num\" data-value=\"{0}\">{0}</td></tr>\n\
         <tr data-field=\"events_affected\"><td>Events affected</td><td class=\"num\" data-value=\"{1}\">{1}</td></tr>\n\
         <tr data-field=\"consent_withdrawn\"><td><code>consent.withdrawn</code> refusals</td><td class=\"num\" data-value=\"{2}\">{2}</td></tr>\n\
         <tr data-field=\"erasures_applied\"><td>Erasure requests applied (GDPR art. 17)</td><td class=\"num\" data-value=\"{3}\">{3}</td></tr>\n\
         <tr data-field=\"erasures_refused\"><td>Erasure requests refused (invalid)</td><td class=\"num\" data-value=\"{4}\">{4}</td></tr>\n\
         <tr data-field=\"keys_destroyed\"><td>Subject keys destroyed</td><td class=\"num\" data-value=\"{5}\">{5}</td></tr>\n\
         <tr data-field=\"erasure_lag_max\"><td>Longest erasure-to-shred lag (s)</td><td class=\"num\" data-value=\"{6}\">{6}</td></tr>\n\
         </tbody></table>\n<table id=\"table-flags\" style=\"margin-top:12px\"><thead><tr><th>Flag</th><th class=\"num\">Events</th></tr></thead><tbody>",
        wd.withdrawals_applied,
        wd.events_affected,
        wd.consent_withdrawn,
        report.erasures.applied,
        report.erasures.refused,
        report.erasures.keys_destroyed,
        report.erasures.lag_seconds.as_ref().map_or(0, |l| l.max)
    );
    for f in &report.flags {
        let _ = writeln!(
            h,
            "<tr data-flag=\"{0}\"><td><code>{0}</code></td><td class=\"num\" data-value=\"{1}\">{1}</td></tr>",
            esc(&f.flag),
            f.count
        );
    }
    h.push_str("</tbody></table></div>\n</section>\n");

    let _ = writeln!(
        h,
        "<footer>Counts only: this report holds no personal data, token or event id (rule A1). \
         Counting rules and the JSON format: <code>leadguard.audit-report/v1</code>, embedded in this page \
         (<code>#report-data</code>). Whether the trail itself is intact is checked by <code>leadguard audit verify</code>.</footer>\n\
         </main>\n<script type=\"application/json\" id=\"report-data\">{}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>",
        script_json(report)
    );
    h
}

/// Axis label of a bucket start, and (hourly buckets) its day.
fn bucket_label(start: &str, bucket: Bucket) -> (String, Option<String>) {
    // RFC 3339 from clock::format: YYYY-MM-DDTHH:MM:SSZ.
    match bucket {
        Bucket::Hour if start.len() >= 16 => {
            (start[11..16].to_string(), Some(start[..10].to_string()))
        }
        Bucket::Day if start.len() >= 10 => (start[..10].to_string(), None),
        _ => (start.to_string(), None),
    }
}

fn timeline_svg(h: &mut String, report: &Report) {
    let buckets = &report.timeline.buckets;
    let (width, height) = (1080.0_f64, 260.0_f64);
    let (left, right, top, bottom) = (48.0, 12.0, 14.0, 42.0);
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let max = buckets
        .iter()
        .map(|b| b.forwarded + b.dropped + b.rejected)
        .max()
        .unwrap_or(0);
    let (top_value, step) = nice_max(max);
    let _ = writeln!(
        h,
        "<svg id=\"chart-timeline\" class=\"chart\" data-buckets=\"{}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Decisions over time\">",
        buckets.len()
    );
    let y = |v: f64| top + plot_h - v / top_value as f64 * plot_h;
    let mut tick = 0;
    while tick <= top_value {
        let ty = y(tick as f64);
        let _ = writeln!(
            h,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{}\" y1=\"{ty:.1}\" y2=\"{ty:.1}\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{tick}</text>",
            width - right,
            left - 6.0,
            ty + 4.0
        );
        tick += step;
    }
    let _ = writeln!(
        h,
        "<line class=\"axis\" x1=\"{left}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\"/>",
        width - right,
        top + plot_h,
        top + plot_h
    );
    if buckets.is_empty() {
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">No event in this window.</text>",
            left + plot_w / 2.0,
            top + plot_h / 2.0
        );
    }
    let n = buckets.len().max(1) as f64;
    let slot = plot_w / n;
    let bar_w = (slot * 0.72).min(64.0);
    // Room for a label: about 6.5 px per character at 11 px, plus a margin.
    let label_chars = match report.timeline.bucket {
        Bucket::Hour => 5.0,
        Bucket::Day => 10.0,
    };
    let label_every = ((label_chars * 6.5 + 12.0) / slot).ceil().max(1.0) as usize;
    let mut last_day = String::new();
    for (i, b) in buckets.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar_w) / 2.0;
        let total = b.forwarded + b.dropped + b.rejected;
        let _ = writeln!(
            h,
            "<g class=\"bucket\" data-start=\"{}\" data-forwarded=\"{}\" data-dropped=\"{}\" data-rejected=\"{}\" data-total=\"{total}\"><title>{}: {} forwarded, {} dropped, {} rejected</title>",
            esc(&b.start),
            b.forwarded,
            b.dropped,
            b.rejected,
            esc(&b.start),
            b.forwarded,
            b.dropped,
            b.rejected
        );
        let mut base = 0u64;
        for (series, v) in [
            ("forwarded", b.forwarded),
            ("dropped", b.dropped),
            ("rejected", b.rejected),
        ] {
            let y0 = y(base as f64);
            let y1 = y((base + v) as f64);
            let _ = writeln!(
                h,
                "<rect class=\"seg seg-{series}\" data-series=\"{series}\" data-value=\"{v}\" x=\"{x:.1}\" y=\"{y1:.1}\" width=\"{bar_w:.1}\" height=\"{:.1}\"/>",
                (y0 - y1).max(0.0)
            );
            base += v;
        }
        if total > 0 && bar_w >= 18.0 {
            let _ = writeln!(
                h,
                "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{total}</text>",
                x + bar_w / 2.0,
                y(total as f64) - 4.0
            );
        }
        if i % label_every == 0 {
            let (label, day) = bucket_label(&b.start, report.timeline.bucket);
            let _ = writeln!(
                h,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + bar_w / 2.0,
                top + plot_h + 16.0,
                esc(&label)
            );
            // Hourly buckets: the date under the first hour of each day shown.
            if let Some(day) = day.filter(|d| *d != last_day) {
                let _ = writeln!(
                    h,
                    "<text class=\"day\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                    x + bar_w / 2.0,
                    top + plot_h + 31.0,
                    esc(&day)
                );
                last_day = day;
            }
        }
        h.push_str("</g>\n");
    }
    h.push_str("</svg>\n");
}

/// Horizontal bars: (key, label, value).
fn hbar_svg(h: &mut String, id: &str, class: &str, bars: &[(String, String, u64)], empty: &str) {
    let row = 26.0_f64;
    let (width, label_w, value_w) = (520.0_f64, 220.0_f64, 44.0_f64);
    let height = (bars.len().max(1) as f64) * row + 8.0;
    let max = bars.iter().map(|b| b.2).max().unwrap_or(0).max(1) as f64;
    let _ = writeln!(
        h,
        "<svg id=\"{id}\" class=\"chart\" data-bars=\"{}\" viewBox=\"0 0 {width} {height}\" role=\"img\">",
        bars.len()
    );
    if bars.is_empty() {
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"20\" text-anchor=\"middle\">{}</text>",
            width / 2.0,
            esc(empty)
        );
    }
    let plot = width - label_w - value_w;
    for (i, (key, label, v)) in bars.iter().enumerate() {
        let y = 4.0 + i as f64 * row;
        let bw = (*v as f64 / max * plot).max(1.0);
        let _ = writeln!(
            h,
            "<g class=\"bar\" data-label=\"{}\" data-value=\"{v}\"><title>{}: {v}</title>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <rect class=\"{class}\" x=\"{label_w}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" rx=\"3\"/>\
             <text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{v}</text></g>",
            esc(key),
            esc(label),
            label_w - 8.0,
            y + row / 2.0 + 4.0,
            esc(label),
            y + 4.0,
            row - 8.0,
            label_w + bw + 6.0,
            y + row / 2.0 + 4.0
        );
    }
    h.push_str("</svg>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_axis_maxima() {
        assert_eq!(nice_max(0), (4, 1));
        assert!(nice_max(7).0 >= 7);
        let (top, step) = nice_max(96);
        assert!(top >= 96 && top / step <= 5, "{top} {step}");
        let (top, step) = nice_max(1234);
        assert!(top >= 1234 && top / step <= 5, "{top} {step}");
    }

    #[test]
    fn escaping() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
