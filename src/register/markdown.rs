//! The register as Markdown: headings and tables a DPO can paste into the organisation's record.

use std::fmt::Write as _;

use super::Register;
use crate::audit_tools::report::md_cell;

/// Renders the register and the DPIA input sheet.
pub fn render(r: &Register) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Register of processing (GDPR art. 30)\n");
    let _ = writeln!(
        s,
        "- Policy version: {}\n- Policy SHA-256: `{}`\n- Generated from the policy alone: it lists \
         what the guard enforces.",
        md_cell(&r.policy_version),
        r.policy_sha256
    );

    let _ = writeln!(s, "\n## Purposes and legal basis\n");
    let _ = writeln!(
        s,
        "| purpose | regime | legal basis | rules | datasets | destinations |\n|---|---|---|---|---|---|"
    );
    for p in &r.purposes {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            md_cell(&p.name),
            p.regime,
            p.legal_basis,
            p.rules.join(", "),
            md_cell(&p.datasets.join(", ")),
            md_cell(&p.destinations.join(", "))
        );
    }

    let _ = writeln!(s, "\n## Datasets\n");
    let _ = writeln!(s, "| dataset | purpose |\n|---|---|");
    for d in &r.datasets {
        let _ = writeln!(s, "| {} | {} |", md_cell(&d.name), md_cell(&d.purpose));
    }

    let _ = writeln!(s, "\n## Categories of data\n");
    let _ = writeln!(
        s,
        "| category | special (S2) | forbidden (S1) | fields |\n|---|---|---|---|"
    );
    for c in &r.data_categories {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            c.category,
            yes(c.special),
            yes(c.forbidden),
            md_cell(&c.fields.join(", "))
        );
    }

    let _ = writeln!(s, "\n## Categories of people\n");
    for p in &r.people {
        let _ = writeln!(s, "- **{}**: {}", p.name, md_cell(&p.basis));
    }

    let _ = writeln!(s, "\n## Recipients\n");
    let _ = writeln!(
        s,
        "| destination | recipient | country | EEA | transfer | safeguard | purpose | channels | unauthorised interconnection |\n|---|---|---|---|---|---|---|---|---|"
    );
    for d in &r.recipients {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md_cell(&d.destination),
            md_cell(&d.recipient),
            d.country,
            yes(d.in_eea),
            d.transfer,
            d.safeguard,
            md_cell(&d.purpose),
            d.channels.join(", "),
            d.unauthorised_interconnection
        );
    }
    for d in &r.recipients {
        let _ = writeln!(s, "\n### Fields sent to {}\n", md_cell(&d.destination));
        let _ = writeln!(s, "| field | category | treatment |\n|---|---|---|");
        for f in &d.fields {
            let _ = writeln!(s, "| `{}` | {} | {} |", f.path, f.category, f.treatment);
        }
    }

    let t = &r.retention;
    let _ = writeln!(s, "\n## Retention\n");
    let _ = writeln!(
        s,
        "- Prospect data: not forwarded {} months after the last contact (R1)\n- Consent: expires after {} months (C5)\n- Clock skew tolerated for consent: {} s (C5)",
        t.prospect_months, t.consent_max_age_months, t.clock_skew_seconds
    );

    let _ = writeln!(s, "\n## Approved consent texts (C4)\n");
    let _ = writeln!(
        s,
        "| form | purpose | version | valid from | valid until | SHA-256 |\n|---|---|---|---|---|---|"
    );
    for t in &r.consent_texts {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | `{}` |",
            md_cell(&t.form),
            md_cell(&t.purpose),
            md_cell(&t.version),
            t.valid_from,
            t.valid_until.as_deref().unwrap_or("—"),
            t.sha256
        );
    }

    let _ = writeln!(s, "\n## Security measures\n");
    let _ = writeln!(s, "| measure | detail | rules |\n|---|---|---|");
    for m in &r.security {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            m.measure,
            md_cell(&m.detail),
            m.rules.join(", ")
        );
    }

    let _ = writeln!(s, "\n## Authorised interconnections\n");
    let _ = writeln!(s, "| datasets | purposes | reference |\n|---|---|---|");
    for i in &r.interconnections {
        let _ = writeln!(
            s,
            "| {} ↔ {} | {} ↔ {} | {} |",
            md_cell(&i.datasets[0]),
            md_cell(&i.datasets[1]),
            md_cell(&i.purposes[0]),
            md_cell(&i.purposes[1]),
            md_cell(&i.reference)
        );
    }

    let _ = writeln!(s, "\n# DPIA input sheet\n");
    let _ = writeln!(
        s,
        "Risks the policy raises, under the headings of the checklist (seed 004). Warnings are \
         what `leadguard policy lint` prints."
    );
    for sec in &r.dpia {
        let _ = writeln!(s, "\n## {} ({})\n", sec.heading, sec.heading_fr);
        if sec.risks.is_empty() {
            let _ = writeln!(s, "No risk raised by the policy.");
            continue;
        }
        let _ = writeln!(
            s,
            "| severity | code | destination | risk | rules |\n|---|---|---|---|---|"
        );
        for k in &sec.risks {
            let _ = writeln!(
                s,
                "| {} | `{}` | {} | {} | {} |",
                k.severity.as_str(),
                k.code,
                md_cell(k.destination.as_deref().unwrap_or("—")),
                md_cell(&k.text),
                k.rules.join(", ")
            );
        }
    }
    s
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}
