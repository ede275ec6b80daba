use super::*;

fn reference() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policy.toml"))
        .unwrap()
}

fn compile_text(text: &str) -> Result<Policy, PolicyError> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    Policy::from_bytes(text.as_bytes(), Path::new("test.toml"), &base)
}

#[test]
fn reference_policy_compiles_to_the_reference_destinations() {
    let p = compile_text(&reference()).unwrap();
    let names: Vec<_> = p.destinations.iter().map(|d| d.name).collect();
    assert_eq!(
        names,
        ["crm", "emailing", "callcenter", "partners", "analytics"]
    );
    let callcenter = &p.destinations[2];
    assert_eq!(callcenter.transfer, Transfer::Safeguarded(Safeguard::Scc));
    assert_eq!(p.destinations[3].transfer, Transfer::Unsafeguarded);
    assert_eq!(
        p.destinations[3].interconnection,
        InterconnectionMode::Block
    );
    assert_eq!(
        p.authorisation("loyalty-program", "web-leads-fr"),
        Some("DPIA-2026-004")
    );
    assert_eq!(p.sha256.len(), 64);
}

#[test]
fn every_problem_is_reported_at_once() {
    let bad = reference()
        .replace(
            "purpose = \"customer_management\" }",
            "purpose = \"no-such-purpose\" }",
        )
        .replace("country = \"MA\"", "country = \"Morocco\"")
        .replace("channels = [\"phone\"]", "channels = [\"fax\"]")
        .replace(
            "iban = \"encrypt\"",
            "iban = \"encrypt\"\nnational_id = \"keep\"",
        )
        .replace(
            "customer_code = \"remove\" }   # C8",
            "customer_code = \"keep\" }",
        )
        .replace("email = \"token\",", "email = \"keep\",");
    let err = compile_text(&bad).unwrap_err().to_string();
    for needle in [
        "unknown purpose `no-such-purpose`",
        "`Morocco` is not an ISO 3166",
        "unknown channel `fax`",
        "S1: a national id never reaches a destination",
        "C8: the internal customer code is never shared",
        "receives no direct identifier in clear",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    assert!(err.contains("problem(s)"));
}

#[test]
fn s4_generalise_applies_to_ordinary_and_direct_identifier_fields_only() {
    let bad = reference().replace(
        "phone = \"token\", customer_code = \"token\", free_text = \"remove\"",
        "phone = \"generalise\", customer_code = \"token\", free_text = \"generalise\"",
    );
    let err = compile_text(&bad).unwrap_err().to_string();
    assert!(err.contains("fields.free_text = Generalise"), "{err}");
    assert!(err.contains("fields.phone = Generalise"), "{err}");
    let month = reference().replace("[keys]", "[generalise]\ndate = \"year-month\"\n\n[keys]");
    assert_eq!(
        compile_text(&month).unwrap().generalise.date,
        crate::treatment::DateGranularity::YearMonth
    );
    let typo = reference().replace("[keys]", "[generalise]\ndate = \"decade\"\n\n[keys]");
    assert!(compile_text(&typo).is_err());
}

#[test]
fn unknown_fields_and_keys_in_the_policy_text_are_refused() {
    let typo = reference().replace("[retention]", "[retention]\nprospect_month = 12");
    assert!(matches!(
        compile_text(&typo),
        Err(PolicyError::Parse { .. })
    ));
    let inline_key = reference().replace(
        "pseudonym = { id = \"k1\", file = \"keys/pseudonym.key\" }",
        "pseudonym = { id = \"k1\", file = \"keys/pseudonym.key\", env = \"X\" }",
    );
    let err = compile_text(&inline_key).unwrap_err().to_string();
    assert!(err.contains("exactly one of `file` or `env`"), "{err}");
}
