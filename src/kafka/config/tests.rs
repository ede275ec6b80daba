use super::*;

fn raw(text: &str) -> RawConfig {
    toml::from_str(text).expect("parses")
}

const MINIMAL: &str = r#"
policy = "policy.toml"
[kafka]
brokers = "localhost:9092"
group_id = "leadguard"
input_topics = ["leads.raw"]
audit_topic = "leads.audit"
dead_letter_topic = "leads.dead-letter"
withdrawals_topic = "leads.withdrawals"
"#;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

#[test]
fn minimal_config_gets_documented_defaults() {
    let s = Settings::validate(raw(MINIMAL), Path::new("x.toml"), &examples(), &|_| None)
        .expect("valid");
    assert_eq!(s.delivery, Delivery::AtLeastOnce);
    assert_eq!(s.grace_period, Duration::from_secs(30));
    assert_eq!(s.log_format, LogFormat::Text);
    assert_eq!(s.listen, "0.0.0.0:9464".parse().unwrap());
    assert_eq!(s.transactional_id.split('-').next(), Some("leadguard"));
    assert_eq!(
        s.workers,
        std::thread::available_parallelism().unwrap().get(),
        "one judging worker per core"
    );
}

#[test]
fn unknown_keys_are_refused() {
    let text = format!("{MINIMAL}\n[http]\nlisten = \"127.0.0.1:1\"\nport = 3\n");
    let e = toml::from_str::<RawConfig>(&text).unwrap_err().to_string();
    assert!(e.contains("unknown field `port`"), "{e}");
}

#[test]
fn every_problem_is_listed_at_once() {
    let text = r#"
policy = "missing.toml"
delivery = "exactly-once"
[kafka]
brokers = ""
group_id = "g"
input_topics = ["leads.raw", "bad topic"]
audit_topic = "leads.raw"
dead_letter_topic = "dl"
withdrawals_topic = "w"
[kafka.properties]
"enable.auto.commit" = false
"sasl.password" = "env:NOT_SET_ANYWHERE"
"ssl.key.password" = "file:/nonexistent/secret"
[http]
listen = "nowhere"
[shutdown]
grace_period = "soon"
[pipeline]
workers = 0
"#;
    let e = Settings::validate(raw(text), Path::new("x.toml"), &examples(), &|_| None).unwrap_err();
    let ConfigError::Invalid { problems, .. } = &e else {
        panic!("{e}")
    };
    let all = problems.join("\n");
    for needle in [
        "policy:",
        "kafka.brokers",
        "\"bad topic\"",
        "used twice",
        "enable.auto.commit: set by leadguard",
        "NOT_SET_ANYWHERE is not set",
        "cannot read /nonexistent/secret",
        "http.listen",
        "shutdown.grace_period",
        "pipeline.workers: must be at least 1",
    ] {
        assert!(all.contains(needle), "missing {needle:?} in:\n{all}");
    }
    assert_eq!(problems.len(), 10, "{all}");
}

#[test]
fn secrets_resolve_from_env_and_files_and_never_display() {
    let dir = tempfile::tempdir().unwrap();
    let secret_file = dir.path().join("pw");
    std::fs::write(&secret_file, "s3cr3t-file\n").unwrap();
    let text = format!(
            "{MINIMAL}\n[kafka.properties]\n\"sasl.password\" = \"env:PW\"\n\"ssl.key.password\" = \"file:{}\"\n\"socket.timeout.ms\" = 5000\n",
            secret_file.display()
        );
    let env = |n: &str| (n == "PW").then(|| "s3cr3t-env".to_string());
    let s = Settings::validate(raw(&text), Path::new("x.toml"), &examples(), &env).unwrap();
    let props: BTreeMap<_, _> = s.properties.iter().collect();
    assert_eq!(props["sasl.password"], "s3cr3t-env");
    assert_eq!(props["ssl.key.password"], "s3cr3t-file");
    assert_eq!(props["socket.timeout.ms"], "5000");
    let shown = format!("{:?} {:?}", s.properties, s);
    assert!(!shown.contains("s3cr3t"), "{shown}");
    assert!(shown.contains("socket.timeout.ms=5000"), "{shown}");
}

#[test]
fn durations() {
    assert_eq!(parse_duration("30s"), Some(Duration::from_secs(30)));
    assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
    assert_eq!(parse_duration("2m"), Some(Duration::from_secs(120)));
    assert_eq!(parse_duration("7"), Some(Duration::from_secs(7)));
    assert_eq!(parse_duration("soon"), None);
    assert_eq!(parse_duration("5 parsecs"), None);
    // Every form the old hand-written parser accepted still parses to the same value.
    for (text, secs) in [
        ("0", 0),
        (" 30s ", 30),
        ("30 s", 30),
        ("5min", 300),
        ("5 min", 300),
        ("2h", 7200),
        ("007s", 7),
    ] {
        assert_eq!(
            parse_duration(text),
            Some(Duration::from_secs(secs)),
            "{text:?}"
        );
    }
    assert_eq!(parse_duration("100ms"), Some(Duration::from_millis(100)));
    // And humantime's other forms.
    assert_eq!(parse_duration("1h 30m"), Some(Duration::from_secs(5400)));
    assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
    assert_eq!(
        parse_duration("90d"),
        Some(Duration::from_secs(90 * 86_400))
    );
    for bad in [
        "",
        " ",
        "s",
        "-5s",
        "5 s s",
        "99999999999999999999",
        "99999999999999999h",
    ] {
        assert_eq!(parse_duration(bad), None, "{bad:?}");
    }
    // Durations are shown back in the same syntax.
    let e = crate::kafka::ServeError::ShutdownTimeout(parse_duration("90s").unwrap());
    assert_eq!(
        e.to_string(),
        "shutdown did not complete within the grace period (1m 30s)"
    );
}

#[test]
fn sensitive_keys() {
    for k in [
        "sasl.password",
        "ssl.key.pem",
        "sasl.oauthbearer.config",
        "client.secret",
        "x.token",
    ] {
        assert!(is_sensitive_key(k), "{k}");
    }
    for k in ["socket.timeout.ms", "security.protocol", "linger.ms"] {
        assert!(!is_sensitive_key(k), "{k}");
    }
}

#[test]
fn crypto_shredding_topics_are_optional_distinct_and_erasures_need_keys() {
    let s = Settings::validate(raw(MINIMAL), Path::new("x.toml"), &examples(), &|_| None).unwrap();
    assert_eq!((&s.subject_keys_topic, &s.erasures_topic), (&None, &None));
    assert_eq!(s.consumed_topics(), ["leads.raw"]);
    let with = |extra: &str| {
        let text = MINIMAL.replace(
            "withdrawals_topic = \"leads.withdrawals\"\n",
            &format!("withdrawals_topic = \"leads.withdrawals\"\n{extra}"),
        );
        Settings::validate(raw(&text), Path::new("x.toml"), &examples(), &|_| None)
    };
    let s =
        with("subject_keys_topic = \"leads.keys\"\nerasures_topic = \"leads.erasures\"\n").unwrap();
    assert_eq!(s.subject_keys_topic.as_deref(), Some("leads.keys"));
    assert_eq!(
        s.consumed_topics(),
        ["leads.raw", "leads.erasures"],
        "erasures are audited by the group"
    );
    let e = with("erasures_topic = \"leads.erasures\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("kafka.erasures_topic: needs kafka.subject_keys_topic"),
        "{e}"
    );
    let e = with("subject_keys_topic = \"leads.audit\"\nerasures_topic = \"leads.raw\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("2 problem(s)"), "{e}");
    assert!(
        e.contains("kafka.subject_keys_topic: topic \"leads.audit\" is used twice"),
        "{e}"
    );
    assert!(
        e.contains("kafka.erasures_topic: topic \"leads.raw\" is used twice"),
        "{e}"
    );
}

/// Found by the `kafka_config` fuzz target: a log level with a multi-byte character made
/// tracing-subscriber panic inside its directive parser; the config must be refused with the
/// problem listed instead.
#[test]
fn non_ascii_log_level_is_a_listed_problem_not_a_panic() {
    let text = format!("{MINIMAL}\n[log]\nlevel = \"2invvpasswordvvvvrd, thenldit?????#礔[?????[c={{lbc.a&c='.#'c}}[[#礔[[[\"\n");
    let err = Settings::validate(raw(&text), Path::new("x.toml"), &examples(), &|_| None)
        .expect_err("refused");
    let ConfigError::Invalid { problems, .. } = err else {
        panic!("not a list of problems: {err}");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("log.level: "), "{problems:?}");
}
