//! Kafka config parsing: arbitrary bytes as a `leadguard serve --config` file beside the
//! reference one (`examples/kafka.toml`), parsed and validated as `Settings::load` does, with
//! no environment variable set.
//!
//! Invariants, besides no panic:
//! - a config that fails validation lists at least one problem;
//! - no sensitive property value (password, secret, key, token, SASL settings) of the file is
//!   shown by the error or by the `Debug` of the accepted settings.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use leadguard::kafka::config::{is_sensitive_key, ConfigError, RawConfig, Settings};
use leadguard_fuzz::repo;
use libfuzzer_sys::fuzz_target;

/// The values of sensitive keys of a table (long enough not to occur by chance) into
/// `secret`, every other string and key into `public`.
fn strings(value: &toml::Value, secret: &mut Vec<String>, public: &mut Vec<String>) {
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                public.push(k.clone());
                match v {
                    // `env:NAME` and `file:PATH` are references, shown by design; the
                    // secret is what they resolve to.
                    toml::Value::String(s)
                        if is_sensitive_key(k)
                            && s.len() >= 8
                            && !s.starts_with("env:")
                            && !s.starts_with("file:") =>
                    {
                        secret.push(s.clone())
                    }
                    toml::Value::String(s) if is_sensitive_key(k) => public.push(s.clone()),
                    _ => strings(v, secret, public),
                }
            }
        }
        toml::Value::Array(items) => items.iter().for_each(|v| strings(v, secret, public)),
        toml::Value::String(s) => public.push(s.clone()),
        _ => {}
    }
}

/// Every string and key of a value.
fn every_string(value: &toml::Value, out: &mut Vec<String>) {
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                out.push(k.clone());
                every_string(v, out);
            }
        }
        toml::Value::Array(items) => items.iter().for_each(|v| every_string(v, out)),
        toml::Value::String(s) => out.push(s.clone()),
        _ => {}
    }
}

/// What the output may show whatever the secrets: the repository path and the `Debug` of the
/// reference config (field names).
fn always_shown() -> &'static str {
    static SHOWN: OnceLock<String> = OnceLock::new();
    SHOWN.get_or_init(|| {
        let settings = Settings::load(&repo().join("examples/kafka.toml")).expect("reference");
        format!("{} {settings:?}", repo().display())
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(raw) = toml::from_str::<RawConfig>(text) else {
        return;
    };
    let (mut hidden, mut public) = (Vec::new(), vec![always_shown().to_string()]);
    if let Ok(mut v) = toml::from_str::<toml::Value>(text) {
        // Only librdkafka properties are secret (a topic named `…keys` is not).
        let properties = v
            .get_mut("kafka")
            .and_then(|k| k.as_table_mut())
            .and_then(|k| k.remove("properties"));
        // Elsewhere a key named like a secret is not one (an output named `…sasl…`).
        every_string(&v, &mut public);
        if let Some(p) = properties {
            strings(&p, &mut hidden, &mut public);
        }
    }
    let base = repo().join("examples");
    let shown = match Settings::validate(raw, Path::new("fuzz.toml"), &base, &|_| None) {
        Ok(settings) => format!("{settings:?}"),
        Err(e) => {
            if let ConfigError::Invalid { problems, .. } = &e {
                assert!(!problems.is_empty(), "a refused config lists its problems");
            }
            e.to_string()
        }
    };
    for s in &hidden {
        let by_chance = public.iter().any(|p| p.contains(s.as_str()));
        assert!(
            by_chance || !shown.contains(s.as_str()),
            "a sensitive value is shown: {s:?} in {shown}"
        );
    }
});
