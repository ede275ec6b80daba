//! The register as one self-contained HTML page: inline CSS, no script at all, nothing fetched
//! (a Content-Security-Policy forbids it), so it can be mailed to a DPO or filed as is.
//!
//! Rows carry `data-*` attributes with the values they show (`#recipients tr[data-destination]`,
//! `#interconnections tr[data-reference]`, `#dpia tr[data-code]`…) so that a test can check the
//! page a browser rendered against the JSON.

use std::fmt::Write as _;

use super::Register;
use crate::audit_tools::html::esc;

const CSS: &str = r#"
:root{--ink:#1c2434;--muted:#667085;--line:#e4e7ec;--bg:#f4f6f9;--card:#fff;--warn:#b45309;--note:#3552c6;--navy:#13203b}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header{background:var(--navy);color:#fff;padding:22px 0 20px}
.wrap{max-width:1180px;margin:0 auto;padding:0 28px}
header .brand{font-size:12px;letter-spacing:.12em;text-transform:uppercase;color:#9fb3ff;font-weight:600}
header h1{margin:2px 0 6px;font-size:24px;font-weight:650}
header .meta{display:flex;flex-wrap:wrap;gap:6px 22px;color:#cfd8f6;font-size:13px}
header .meta b{color:#fff;font-weight:600}
main.wrap{padding-top:22px;padding-bottom:40px}
section.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:0 0 18px}
h2{font-size:17px;margin:0 0 10px}
h3{font-size:14px;margin:14px 0 6px;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef1f6;padding:1px 4px;border-radius:4px}
.pill{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}
.pill.warning{background:#fef3c7;color:var(--warn)}
.pill.note{background:#e0e7ff;color:var(--note)}
.pill.blocked{background:#fee2e2;color:#b91c1c}
.pill.safeguarded,.pill.adequacy{background:#e0e7ff;color:var(--note)}
.pill.none{background:#dcfce7;color:#166534}
p.muted{color:var(--muted);margin:4px 0 10px}
"#;

fn join(v: &[impl AsRef<str>]) -> String {
    v.iter()
        .map(|s| esc(s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The page.
pub fn render(r: &Register) -> String {
    let mut h = String::with_capacity(32 * 1024);
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>leadguard register of processing</title>\n<style>{CSS}</style>\n</head>\n<body>"
    );
    let _ = writeln!(
        h,
        "<header><div class=\"wrap\"><div class=\"brand\">leadguard · policy</div>\
         <h1>Register of processing (GDPR art. 30)</h1><div class=\"meta\">\
         <span>Policy version <b id=\"policy-version\">{}</b></span>\
         <span>SHA-256 <b id=\"policy-sha256\">{}</b></span></div></div></header>\n<main class=\"wrap\">",
        esc(&r.policy_version),
        esc(&r.policy_sha256)
    );

    section(&mut h, "purposes", "Purposes and legal basis");
    head(
        &mut h,
        &[
            "purpose",
            "regime",
            "legal basis",
            "rules",
            "datasets",
            "destinations",
        ],
    );
    for p in &r.purposes {
        let _ = writeln!(
            h,
            "<tr data-purpose=\"{}\" data-regime=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.name),
            p.regime,
            esc(&p.name),
            p.regime,
            esc(p.legal_basis),
            join(&p.rules),
            join(&p.datasets),
            join(&p.destinations)
        );
    }
    end(&mut h);

    section(&mut h, "datasets", "Datasets");
    head(&mut h, &["dataset", "purpose"]);
    for d in &r.datasets {
        let _ = writeln!(
            h,
            "<tr data-dataset=\"{0}\" data-purpose=\"{1}\"><td>{0}</td><td>{1}</td></tr>",
            esc(&d.name),
            esc(&d.purpose)
        );
    }
    end(&mut h);

    section(&mut h, "categories", "Categories of data");
    head(
        &mut h,
        &["category", "special (S2)", "forbidden (S1)", "fields"],
    );
    for c in &r.data_categories {
        let _ = writeln!(
            h,
            "<tr data-category=\"{0}\"><td>{0}</td><td>{1}</td><td>{2}</td><td>{3}</td></tr>",
            c.category,
            if c.special { "yes" } else { "no" },
            if c.forbidden { "yes" } else { "no" },
            join(&c.fields)
        );
    }
    end(&mut h);

    section(&mut h, "people", "Categories of people");
    h.push_str("<ul>\n");
    for p in &r.people {
        let _ = writeln!(h, "<li><b>{}</b>: {}</li>", esc(p.name), esc(&p.basis));
    }
    h.push_str("</ul></section>\n");

    section(&mut h, "recipients", "Recipients and transfers");
    head(
        &mut h,
        &[
            "destination",
            "recipient",
            "country",
            "transfer",
            "safeguard",
            "purpose",
            "channels",
            "unauthorised interconnection",
        ],
    );
    for d in &r.recipients {
        let _ = writeln!(
            h,
            "<tr data-destination=\"{0}\" data-country=\"{2}\" data-transfer=\"{3}\" data-safeguard=\"{4}\">\
             <td>{0}</td><td>{1}</td><td>{2}{5}</td><td><span class=\"pill {3}\">{3}</span></td><td>{4}</td><td>{6}</td><td>{7}</td><td>{8}</td></tr>",
            esc(&d.destination),
            esc(&d.recipient),
            esc(&d.country),
            d.transfer,
            d.safeguard,
            if d.in_eea { " (EEA)" } else { "" },
            esc(&d.purpose),
            join(&d.channels),
            d.unauthorised_interconnection
        );
    }
    h.push_str("</table>\n");
    for d in &r.recipients {
        let _ = writeln!(
            h,
            "<h3>Fields sent to {0}</h3><table class=\"fields\" data-destination=\"{0}\"><tr><th>field</th><th>category</th><th>treatment</th></tr>",
            esc(&d.destination)
        );
        for f in &d.fields {
            let _ = writeln!(
                h,
                "<tr data-path=\"{0}\" data-treatment=\"{2}\"><td><code>{0}</code></td><td>{1}</td><td>{2}</td></tr>",
                esc(&f.path),
                f.category,
                f.treatment
            );
        }
        h.push_str("</table>\n");
    }
    h.push_str("</section>\n");

    let t = &r.retention;
    section(&mut h, "retention", "Retention");
    let _ = writeln!(
        h,
        "<ul><li data-value=\"{0}\" id=\"retention-prospect\">Prospect data: not forwarded {0} months after the last contact (R1)</li>\
         <li data-value=\"{1}\" id=\"retention-consent\">Consent: expires after {1} months (C5)</li>\
         <li>Clock skew tolerated for consent: {2} s (C5)</li></ul></section>",
        t.prospect_months, t.consent_max_age_months, t.clock_skew_seconds
    );

    section(&mut h, "consent-texts", "Approved consent texts (C4)");
    head(
        &mut h,
        &[
            "form",
            "purpose",
            "version",
            "valid from",
            "valid until",
            "SHA-256",
        ],
    );
    for t in &r.consent_texts {
        let _ = writeln!(
            h,
            "<tr data-form=\"{0}\" data-version=\"{2}\"><td>{0}</td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td><td><code>{5}</code></td></tr>",
            esc(&t.form),
            esc(&t.purpose),
            esc(&t.version),
            esc(&t.valid_from),
            esc(t.valid_until.as_deref().unwrap_or("—")),
            esc(&t.sha256)
        );
    }
    end(&mut h);

    section(&mut h, "security", "Security measures");
    head(&mut h, &["measure", "detail", "rules"]);
    for m in &r.security {
        let _ = writeln!(
            h,
            "<tr data-measure=\"{0}\"><td>{0}</td><td>{1}</td><td>{2}</td></tr>",
            esc(m.measure),
            esc(&m.detail),
            join(&m.rules)
        );
    }
    end(&mut h);

    section(
        &mut h,
        "interconnections",
        "Authorised interconnections (I4)",
    );
    head(&mut h, &["datasets", "purposes", "reference"]);
    for i in &r.interconnections {
        let _ = writeln!(
            h,
            "<tr data-reference=\"{4}\"><td>{0} ↔ {1}</td><td>{2} ↔ {3}</td><td>{4}</td></tr>",
            esc(&i.datasets[0]),
            esc(&i.datasets[1]),
            esc(&i.purposes[0]),
            esc(&i.purposes[1]),
            esc(&i.reference)
        );
    }
    end(&mut h);

    section(&mut h, "dpia", "DPIA input sheet");
    h.push_str(
        "<p class=\"muted\">Risks the policy raises, under the headings of the checklist (seed 004). \
         Warnings are what <code>leadguard policy lint</code> prints.</p>\n",
    );
    for sec in &r.dpia {
        let _ = writeln!(
            h,
            "<h3 data-heading=\"{0}\">{0} <span lang=\"fr\">({1})</span></h3>",
            esc(sec.heading),
            esc(sec.heading_fr)
        );
        if sec.risks.is_empty() {
            h.push_str("<p class=\"muted\">No risk raised by the policy.</p>\n");
            continue;
        }
        h.push_str("<table>");
        head_row(
            &mut h,
            &["severity", "code", "destination", "risk", "rules"],
        );
        for k in &sec.risks {
            let _ = writeln!(
                h,
                "<tr data-code=\"{1}\" data-severity=\"{0}\"><td><span class=\"pill {0}\">{0}</span></td><td><code>{1}</code></td><td>{2}</td><td>{3}</td><td>{4}</td></tr>",
                k.severity.as_str(),
                k.code,
                esc(k.destination.as_deref().unwrap_or("—")),
                esc(&k.text),
                join(&k.rules)
            );
        }
        h.push_str("</table>\n");
    }
    h.push_str("</section>\n</main>\n</body>\n</html>\n");
    h
}

fn section(h: &mut String, id: &str, title: &str) {
    let _ = writeln!(h, "<section class=\"card\" id=\"{id}\"><h2>{title}</h2>");
}

fn head(h: &mut String, cols: &[&str]) {
    h.push_str("<table>");
    head_row(h, cols);
}

fn head_row(h: &mut String, cols: &[&str]) {
    h.push_str("<tr>");
    for c in cols {
        let _ = write!(h, "<th>{c}</th>");
    }
    h.push_str("</tr>\n");
}

fn end(h: &mut String) {
    h.push_str("</table></section>\n");
}
