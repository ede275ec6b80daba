//! Kafka topics as a [`Sink`]: each route to its topic, every record with the input position
//! header; and which topic each policy destination goes to (`[outputs]` of the deployment
//! config).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use rdkafka::error::KafkaError;
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::BaseRecord;
use rdkafka::types::RDKafkaErrorCode;

use crate::policy::Policy;
use crate::sink::{Record, Route, Sink};

use super::acks::{Acks, Group, OutputProducer};
use super::config::Settings;

/// Header on every record the guard writes for an input: `<topic>/<partition>@<offset>`, so
/// that outputs can be reconciled with inputs and audit records without reading payloads.
pub const INPUT_HEADER: &str = "leadguard.input";

/// The topics records go to.
#[derive(Debug, Clone)]
pub struct Topics {
    /// Per policy destination, in policy order.
    pub destinations: Vec<String>,
    pub dead_letter: String,
    pub audit: String,
    /// The shared I3 history, when configured.
    pub identities: Option<String>,
    pub checkpoints: Option<String>,
}

impl Topics {
    /// Each destination's topic: named in `[outputs]`, else the policy's (deprecated) `topic`,
    /// else `leads.<name>`. Every problem is listed: a name in `[outputs]` that the policy does
    /// not declare, or two destinations on one topic.
    pub fn resolve(settings: &Settings, policy: &Policy) -> Result<Topics, Vec<String>> {
        let mut problems = Vec::new();
        for name in settings.outputs.keys() {
            if !policy.destinations.iter().any(|d| d.name == name) {
                problems.push(format!(
                    "outputs.{name}: the policy has no destination `{name}`"
                ));
            }
        }
        let destinations: Vec<String> = policy
            .destinations
            .iter()
            .map(|d| settings.outputs.get(d.name).unwrap_or(&d.topic).clone())
            .collect();
        let mut seen = BTreeMap::new();
        for (d, t) in policy.destinations.iter().zip(&destinations) {
            if let Some(other) = seen.insert(t.as_str(), d.name) {
                problems.push(format!(
                    "destinations {other} and {} both write to topic {t:?}",
                    d.name
                ));
            }
        }
        if policy.checkpoints.is_some() && settings.checkpoints_topic.is_none() {
            problems.push(
                "the policy signs checkpoints ([checkpoints]): set kafka.checkpoints_topic".into(),
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Topics {
            destinations,
            dead_letter: settings.dead_letter_topic.clone(),
            audit: settings.audit_topic.clone(),
            identities: settings.identities_topic.clone(),
            checkpoints: settings.checkpoints_topic.clone(),
        })
    }
}

/// The producer and the topics, as a [`Sink`] whose records of one step share one [`Acks`].
pub struct KafkaSink<'a> {
    pub producer: &'a OutputProducer,
    pub topics: &'a Topics,
    /// The group of the records sent since the last [`Sink::ack`].
    pub group: Acks,
}

impl<'a> KafkaSink<'a> {
    pub fn new(producer: &'a OutputProducer, topics: &'a Topics) -> KafkaSink<'a> {
        KafkaSink {
            producer,
            topics,
            group: Acks::default(),
        }
    }
}

impl Sink for KafkaSink<'_> {
    type Ack = Acks;
    type Error = KafkaError;

    fn send(&mut self, r: Record<'_>) -> Result<(), KafkaError> {
        let (topic, partition) = match r.route {
            Route::Destination(i) => (&self.topics.destinations[i], None),
            Route::DeadLetter => (&self.topics.dead_letter, None),
            Route::Identities => (configured(&self.topics.identities)?, None),
            Route::Checkpoints => (configured(&self.topics.checkpoints)?, None),
            Route::Audit { partition } => (&self.topics.audit, partition),
        };
        let rec = record(&self.group, topic, partition, r.key, r.position, r.payload);
        send_blocking(&self.group, self.producer, rec)
    }

    fn ack(&mut self) -> Acks {
        let group = std::mem::take(&mut self.group);
        group.close();
        group
    }
}

/// The topic of a route only written when it is configured (see `serve`).
fn configured(topic: &Option<String>) -> Result<&String, KafkaError> {
    topic.as_ref().ok_or(KafkaError::MessageProduction(
        RDKafkaErrorCode::UnknownTopic,
    ))
}

fn position_header(position: &str) -> OwnedHeaders {
    OwnedHeaders::new().insert(Header {
        key: INPUT_HEADER,
        value: Some(position),
    })
}

/// A record of `group` (see [`Acks::add`]).
pub(super) type Rec<'a> = BaseRecord<'a, str, [u8], Arc<Group>>;

fn record<'a>(
    group: &Acks,
    topic: &'a str,
    partition: Option<i32>,
    key: Option<&'a str>,
    position: &str,
    payload: &'a [u8],
) -> Rec<'a> {
    let mut rec = BaseRecord::with_opaque_to(topic, group.add())
        .payload(payload)
        .headers(position_header(position));
    if let Some(k) = key {
        rec = rec.key(k);
    }
    if let Some(p) = partition {
        rec = rec.partition(p);
    }
    rec
}

/// How long a record waits before it is offered again to a full local queue.
const QUEUE_FULL_WAIT: Duration = Duration::from_millis(1);

/// A record librdkafka refused: back to be offered again when its local queue was full,
/// otherwise out of its group, and the error.
fn refused<'a>(group: &Acks, e: KafkaError, back: Rec<'a>) -> Result<Rec<'a>, KafkaError> {
    match e {
        KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull) => Ok(back),
        e => {
            group.remove(back.delivery_opaque);
            Err(e)
        }
    }
}

/// Enqueues a record into `group`, waiting while librdkafka's local queue is full (on a judging
/// worker: the wait is the back-pressure that slows judging down to what the broker takes).
pub(super) fn send_blocking(
    group: &Acks,
    producer: &OutputProducer,
    mut rec: Rec<'_>,
) -> Result<(), KafkaError> {
    while let Err((e, back)) = producer.send(rec) {
        rec = refused(group, e, back)?;
        std::thread::sleep(QUEUE_FULL_WAIT);
    }
    Ok(())
}

/// Enqueues a single record from a task, waiting while librdkafka's local queue is full; its
/// acknowledgement.
pub async fn send_async(
    producer: &OutputProducer,
    topic: &str,
    partition: Option<i32>,
    key: &str,
    position: &str,
    payload: &[u8],
) -> Result<Acks, KafkaError> {
    let group = Acks::default();
    let mut rec = record(&group, topic, partition, Some(key), position, payload);
    while let Err((e, back)) = producer.send(rec) {
        rec = refused(&group, e, back)?;
        tokio::time::sleep(QUEUE_FULL_WAIT).await;
    }
    group.close();
    Ok(group)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::kafka::config::test_settings;

    fn examples() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
    }

    fn settings(outputs: &str) -> Settings {
        test_settings(&format!("[outputs]\n{outputs}")).unwrap()
    }

    fn policy(text: &str) -> Policy {
        Policy::from_bytes(text.as_bytes(), Path::new("p.toml"), &examples()).unwrap()
    }

    fn reference() -> String {
        std::fs::read_to_string(examples().join("policy.toml")).unwrap()
    }

    #[test]
    fn destinations_go_to_the_deployment_topic_else_the_policy_one_else_the_default() {
        let text = reference().replace(
            "name = \"partners\"\n",
            "name = \"partners\"\ntopic = \"legacy.partners\"\n",
        );
        let p = policy(&text);
        assert_eq!(p.deprecations.len(), 1);
        assert!(p.deprecations[0].contains("`topic` is deprecated"));
        let t = Topics::resolve(&settings("crm = \"prod.crm\"\n"), &p).unwrap();
        assert_eq!(
            t.destinations,
            [
                "prod.crm",
                "leads.emailing",
                "leads.callcenter",
                "legacy.partners",
                "leads.analytics"
            ]
        );
        assert_eq!((t.audit.as_str(), t.dead_letter.as_str()), ("audit", "dl"));
        assert!(policy(&reference()).deprecations.is_empty());
    }

    #[test]
    fn unknown_names_and_shared_topics_are_refused_together() {
        let p = policy(&reference());
        let problems = Topics::resolve(
            &settings("crm = \"x\"\nemailing = \"x\"\nnewsletter = \"y\"\n"),
            &p,
        )
        .unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("no destination `newsletter`"));
        assert!(problems[1].contains("crm and emailing both write to topic \"x\""));
        // The reference policy signs checkpoints: the deployment must say where.
        let mut s = settings("");
        assert_eq!(
            Topics::resolve(&s, &p).unwrap().checkpoints.as_deref(),
            Some("cp")
        );
        s.checkpoints_topic = None;
        assert_eq!(
            Topics::resolve(&s, &p).unwrap_err(),
            ["the policy signs checkpoints ([checkpoints]): set kafka.checkpoints_topic"]
        );
    }

    #[test]
    fn output_topics_are_checked_with_the_config() {
        let e = test_settings("[outputs]\ncrm = \"in\"\nemailing = \"bad topic\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("outputs.crm: topic \"in\" is an input"), "{e}");
        assert!(e.contains("outputs.emailing: \"bad topic\""), "{e}");
    }
}
