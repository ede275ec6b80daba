//! JSON Schemas (2020-12) of the lead event, the withdrawal and the erasure request, compiled once at start-up, and
//! the field annotations (`x-leadguard`) read from the lead schema.
//!
//! The annotations make the schema the one place where a field's category lives: the engine
//! walks a [`FieldTree`] compiled from them, so adding a field or changing its category needs no
//! code change.

use std::path::Path;

use serde_json::Value;

use crate::category::Category;
use crate::channel::{Channel, ChannelSet};

/// Built-in lead schema, used when the policy names none.
pub const LEAD_SCHEMA: &str = include_str!("../schemas/lead.v1.schema.json");
/// Built-in withdrawal schema.
pub const WITHDRAWAL_SCHEMA: &str = include_str!("../schemas/withdrawal.v1.schema.json");
/// Built-in erasure request schema.
pub const ERASURE_SCHEMA: &str = include_str!("../schemas/erasure.v1.schema.json");
/// Audit record schema (published for consumers of the audit topic; used by tests).
pub const AUDIT_SCHEMA: &str = include_str!("../schemas/audit.v2.schema.json");
/// The schema of the records written before v2, which the audit tools still read.
pub const AUDIT_SCHEMA_V1: &str = include_str!("../schemas/audit.v1.schema.json");

/// The annotation keyword.
const ANNOTATION: &str = "x-leadguard";

/// Index of a leaf in the [`FieldTree`]; destination plans are vectors indexed by it.
pub type FieldId = usize;

/// A node of the compiled field tree.
#[derive(Debug, Clone)]
pub enum Node {
    /// A value treated as one unit, with its category.
    Leaf {
        id: FieldId,
        category: Category,
        /// Contact channels this value is the contact for (C1).
        channels: ChannelSet,
    },
    /// An object whose properties are walked one by one.
    Object {
        /// Declared properties: name, `"name":` pre-rendered for the output writer, node.
        props: Vec<Prop>,
        /// Whether properties not declared are allowed (then removed and flagged, S4).
        open: bool,
        channels: ChannelSet,
    },
    /// An array whose items all follow one node.
    Array { items: Box<Node> },
}

/// A declared property of an object node.
#[derive(Debug, Clone)]
pub struct Prop {
    pub name: String,
    /// `"name":`, rendered once at start-up.
    pub key: Vec<u8>,
    pub node: Node,
}

/// Description of one leaf, for policy compilation and error messages.
#[derive(Debug, Clone)]
pub struct LeafInfo {
    /// Schema path as a JSON pointer with `*` for array items (e.g. `/enrichment/*/fields`).
    pub path: &'static str,
    pub category: Category,
    /// Whether the leaf is inside an array: then its concrete paths differ from `path`.
    pub in_array: bool,
    /// Channels the leaf is the contact for (own and inherited).
    pub channels: ChannelSet,
}

/// The compiled annotation tree of the lead schema.
#[derive(Debug, Clone)]
pub struct FieldTree {
    pub root: Node,
    pub leaves: Vec<LeafInfo>,
}

/// A compiled lead schema: validator plus annotation tree.
pub struct LeadSchema {
    schema: Schema,
    pub fields: FieldTree,
}

impl std::fmt::Debug for LeadSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LeadSchema")
            .field("leaves", &self.fields.leaves.len())
            .finish()
    }
}

/// A compiled JSON Schema used only for validation.
pub struct Schema {
    validator: jsonschema::Validator,
}

impl std::fmt::Debug for Schema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Schema")
    }
}

/// Why an instance does not match: the first failing location, without the instance's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// JSON pointer into the instance (field names only, never values).
    pub instance_path: String,
    /// The schema keyword that failed (`enum`, `required`, `additionalProperties`…).
    pub keyword: String,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.instance_path.is_empty() {
            "/"
        } else {
            &self.instance_path
        };
        write!(f, "{} fails `{}`", at, self.keyword)
    }
}

fn compile_validator(
    schema: &Value,
    name: &str,
    problems: &mut Vec<String>,
) -> Option<jsonschema::Validator> {
    match jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
    {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(format!(
                "{name} schema does not compile: {} (at schema path {})",
                e.kind_name(),
                e.schema_path()
            ));
            None
        }
    }
}

/// The first error only: `validate` stops there, where `iter_errors` builds every error of
/// the failing keyword first (measured: 2.6 % of the engine's time on the examples mix).
fn first_error(validator: &jsonschema::Validator, instance: &Value) -> Option<Invalid> {
    validator.validate(instance).err().map(|e| {
        let schema_path = e.schema_path().as_str().to_string();
        let keyword = schema_path
            .rsplit('/')
            .find(|s| !s.is_empty() && s.parse::<usize>().is_err())
            .unwrap_or("schema")
            .to_string();
        Invalid {
            instance_path: e.instance_path().as_str().to_string(),
            keyword,
        }
    })
}

trait KindName {
    fn kind_name(&self) -> String;
}

impl KindName for jsonschema::ValidationError<'_> {
    /// The error kind without the instance value (a schema error's instance is the schema
    /// itself, but we keep the habit of never printing instance values).
    fn kind_name(&self) -> String {
        let dbg = format!("{:?}", self.kind());
        dbg.split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("error")
            .to_string()
    }
}

/// Reads a schema document from a path (relative to `base`) or the built-in text.
fn read_schema(
    path: Option<&Path>,
    base: &Path,
    builtin: &str,
    name: &str,
    problems: &mut Vec<String>,
) -> Option<Value> {
    let (text, origin) = match path {
        Some(p) => {
            let full = base.join(p);
            match std::fs::read_to_string(&full) {
                Ok(t) => (t, full.display().to_string()),
                Err(e) => {
                    problems.push(format!(
                        "{name} schema {}: cannot read: {e}",
                        full.display()
                    ));
                    return None;
                }
            }
        }
        None => (builtin.to_string(), "built-in".to_string()),
    };
    match serde_json::from_str(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(format!("{name} schema ({origin}) is not JSON: {e}"));
            None
        }
    }
}

impl Schema {
    /// Compiles the withdrawal schema (built-in when `path` is None).
    pub fn withdrawal(
        path: Option<&Path>,
        base: &Path,
        problems: &mut Vec<String>,
    ) -> Option<Self> {
        let doc = read_schema(path, base, WITHDRAWAL_SCHEMA, "withdrawal", problems)?;
        compile_validator(&doc, "withdrawal", problems).map(|validator| Schema { validator })
    }

    /// Compiles the erasure request schema (built-in when `path` is None).
    pub fn erasure(path: Option<&Path>, base: &Path, problems: &mut Vec<String>) -> Option<Self> {
        let doc = read_schema(path, base, ERASURE_SCHEMA, "erasure", problems)?;
        compile_validator(&doc, "erasure", problems).map(|validator| Schema { validator })
    }

    /// Compiles the audit record schemas (v2, and v1 for older records).
    pub fn audit() -> AuditSchema {
        let compile = |text: &str| {
            let doc: Value = serde_json::from_str(text).expect("built-in audit schema is JSON");
            let mut problems = Vec::new();
            let validator = compile_validator(&doc, "audit", &mut problems)
                .expect("built-in audit schema compiles");
            Schema { validator }
        };
        AuditSchema {
            v2: compile(AUDIT_SCHEMA),
            v1: compile(AUDIT_SCHEMA_V1),
        }
    }

    /// First validation problem, if any. The valid path is the fast one: errors are only
    /// collected for invalid instances.
    pub fn check(&self, instance: &Value) -> Result<(), Invalid> {
        if self.validator.is_valid(instance) {
            return Ok(());
        }
        Err(first_error(&self.validator, instance).unwrap_or(Invalid {
            instance_path: String::new(),
            keyword: "schema".into(),
        }))
    }
}

/// The audit record schemas, each record checked against that of its own `schema` name.
#[derive(Debug)]
pub struct AuditSchema {
    v2: Schema,
    v1: Schema,
}

impl AuditSchema {
    /// First validation problem, if any: v1 records against the v1 schema, all others v2.
    pub fn check(&self, instance: &Value) -> Result<(), Invalid> {
        match instance.get("schema").and_then(Value::as_str) {
            Some(crate::audit::AUDIT_SCHEMA_NAME_V1) => self.v1.check(instance),
            _ => self.v2.check(instance),
        }
    }
}

impl LeadSchema {
    /// Compiles the lead schema and its annotations, adding every problem found to `problems`.
    pub fn load(path: Option<&Path>, base: &Path, problems: &mut Vec<String>) -> Option<Self> {
        let doc = read_schema(path, base, LEAD_SCHEMA, "lead", problems)?;
        let validator = compile_validator(&doc, "lead", problems);
        let fields = FieldTree::from_schema(&doc, problems);
        Some(LeadSchema {
            schema: Schema {
                validator: validator?,
            },
            fields: fields?,
        })
    }

    /// First validation problem, if any.
    pub fn check(&self, instance: &Value) -> Result<(), Invalid> {
        self.schema.check(instance)
    }
}

impl FieldTree {
    /// Reads the `x-leadguard` annotations of a lead schema.
    pub fn from_schema(doc: &Value, problems: &mut Vec<String>) -> Option<FieldTree> {
        let before = problems.len();
        let mut leaves = Vec::new();
        let root = build_node(doc, "", ChannelSet::EMPTY, &mut leaves, problems);
        if problems.len() > before {
            return None;
        }
        match root {
            Some(root @ Node::Object { .. }) => Some(FieldTree { root, leaves }),
            _ => {
                problems.push("lead schema: the root must be an object with properties".into());
                None
            }
        }
    }

    /// Leaf id of a schema path (`/subject/email`, `/enrichment/*/fields`).
    pub fn leaf_by_path(&self, path: &str) -> Option<FieldId> {
        self.leaves.iter().position(|l| l.path == path)
    }

    /// Leaf ids at or under a schema path (an `only` entry may name an object).
    pub fn leaves_under(&self, path: &str) -> Vec<FieldId> {
        let prefix = format!("{path}/");
        self.leaves
            .iter()
            .enumerate()
            .filter(|(_, l)| l.path == path || l.path.starts_with(&prefix))
            .map(|(i, _)| i)
            .collect()
    }
}

/// Parses the annotation of one schema node: (category, channels).
fn annotation(
    node: &Value,
    path: &str,
    problems: &mut Vec<String>,
) -> (Option<Category>, ChannelSet) {
    let Some(ann) = node.get(ANNOTATION) else {
        return (None, ChannelSet::EMPTY);
    };
    let at = if path.is_empty() { "/" } else { path };
    let Some(obj) = ann.as_object() else {
        problems.push(format!(
            "lead schema {at}: `{ANNOTATION}` must be an object"
        ));
        return (None, ChannelSet::EMPTY);
    };
    let mut category = None;
    let mut channels = ChannelSet::EMPTY;
    for (k, v) in obj {
        match (k.as_str(), v) {
            ("category", Value::String(s)) => match s.parse::<Category>() {
                Ok(c) => category = Some(c),
                Err(e) => problems.push(format!("lead schema {at}: {e}")),
            },
            ("channels", Value::Array(items)) => {
                for item in items {
                    match item.as_str().map(str::parse::<Channel>) {
                        Some(Ok(c)) => channels.insert(c),
                        Some(Err(e)) => problems.push(format!("lead schema {at}: {e}")),
                        None => problems.push(format!(
                            "lead schema {at}: `channels` must list channel names"
                        )),
                    }
                }
            }
            ("description", _) => {}
            (other, _) => problems.push(format!(
                "lead schema {at}: unknown or ill-typed `{ANNOTATION}` key `{other}` (expected `category`: string, `channels`: array)"
            )),
        }
    }
    (category, channels)
}

fn build_node(
    node: &Value,
    path: &str,
    inherited: ChannelSet,
    leaves: &mut Vec<LeafInfo>,
    problems: &mut Vec<String>,
) -> Option<Node> {
    let (category, own_channels) = annotation(node, path, problems);
    let channels = inherited.union(own_channels);
    // An unreadable category was already reported: stand in a leaf so it is not reported twice.
    let declared = node
        .get(ANNOTATION)
        .and_then(|a| a.get("category"))
        .is_some();
    if let Some(category) = category.or(declared.then_some(Category::Meta)) {
        let id = leaves.len();
        leaves.push(LeafInfo {
            path: crate::policy::leak(path.to_string()),
            category,
            in_array: path.contains('*'),
            channels,
        });
        return Some(Node::Leaf {
            id,
            category,
            channels,
        });
    }
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        let mut children = Vec::with_capacity(props.len());
        for (name, child) in props {
            let child_path = format!("{path}/{name}");
            if !crate::json_out::is_plain(name) || name.contains(['/', '~', '*']) {
                problems.push(format!(
                    "lead schema {path}: property name {name:?} must not contain quotes, backslashes, control characters, `/`, `~` or `*`"
                ));
            }
            match build_node(child, &child_path, channels, leaves, problems) {
                Some(n) => children.push(Prop {
                    name: name.clone(),
                    key: crate::json_out::quoted_key(name),
                    node: n,
                }),
                None => problems.push(format!(
                    "lead schema {child_path}: no `{ANNOTATION}` category (every field needs one, or an object with annotated properties)"
                )),
            }
        }
        // In key order, as parsed objects iterate: the writer's property search then finds
        // each key at its cursor.
        children.sort_by(|a, b| a.name.cmp(&b.name));
        let open = !matches!(node.get("additionalProperties"), Some(Value::Bool(false)));
        return Some(Node::Object {
            props: children,
            open,
            channels,
        });
    }
    if let Some(items) = node.get("items") {
        let item_path = format!("{path}/*");
        return build_node(items, &item_path, channels, leaves, problems)
            .map(|n| Node::Array { items: Box::new(n) });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> LeadSchema {
        let mut problems = Vec::new();
        let s = LeadSchema::load(None, Path::new("."), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        s.unwrap()
    }

    #[test]
    fn builtin_schema_declares_the_contract_fields_with_their_categories() {
        let s = builtin();
        let cat = |p: &str| s.fields.leaves[s.fields.leaf_by_path(p).unwrap()].category;
        assert_eq!(cat("/subject/email"), Category::Email);
        assert_eq!(cat("/subject/phone"), Category::Phone);
        assert_eq!(cat("/subject/national_id"), Category::NationalId);
        assert_eq!(cat("/subject/address/street"), Category::DirectIdentifier);
        assert_eq!(cat("/attributes/message"), Category::FreeText);
        assert_eq!(cat("/attributes/criminal_record"), Category::Criminal);
        assert_eq!(
            cat("/attributes/social_situation"),
            Category::SocialDifficulty
        );
        assert_eq!(cat("/attributes/card_number"), Category::PaymentCard);
        assert_eq!(cat("/enrichment/*/fields"), Category::Ordinary);
    }

    #[test]
    fn unknown_category_fails_with_the_field_path() {
        let doc = serde_json::json!({
            "type": "object",
            "properties": {
                "a": { "type": "string", "x-leadguard": { "category": "shoe_size" } },
                "b": { "type": "string" }
            }
        });
        let mut problems = Vec::new();
        assert!(FieldTree::from_schema(&doc, &mut problems).is_none());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("/a") && problems[0].contains("shoe_size"));
        assert!(problems[1].contains("/b"));
    }

    #[test]
    fn a_schema_that_does_not_compile_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bad.json"), r#"{"type": "no-such-type"}"#).unwrap();
        let mut problems = Vec::new();
        assert!(LeadSchema::load(Some(Path::new("bad.json")), dir.path(), &mut problems).is_none());
        assert!(
            problems.iter().any(|p| p.contains("does not compile")),
            "{problems:?}"
        );
    }

    #[test]
    fn invalid_instance_names_path_and_keyword_not_value() {
        let s = builtin();
        let ev = serde_json::json!({
            "event_id": "x", "occurred_at": "2026-11-20T10:15:00Z",
            "source": {"dataset": "d"},
            "subject": {"kind": "robot-secret-value", "relationship": "prospect"}
        });
        let e = s.check(&ev).unwrap_err();
        assert_eq!(e.instance_path, "/subject/kind");
        assert_eq!(e.keyword, "enum");
        assert!(!e.to_string().contains("robot-secret-value"));
    }
}
