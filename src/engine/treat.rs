//! Phase 4, treat: each forwarded destination's copy, written from the scan's items with each
//! field treated as the destination's plan says (S1–S4, P1–P3; the treatments themselves are
//! in [`crate::treatment`]).

use std::sync::Arc;

use super::decide::Decided;
use super::intake::Admitted;
use super::scan::{Item, Scan};
use super::seal::Sealer;
use super::{Guard, Output};
use crate::audit::{AuditDestination, Text};
use crate::category::Category;
use crate::channel::ChannelSet;
use crate::detect::ContactsKept;
use crate::json_out;
use crate::policy::Destination;
use crate::treatment::{self, Applied, Leaf, Tools, Treatment};
use crate::verdict::DestOutcome;

/// The copies of one event, and what writing them did that the audit flags.
pub(super) struct Treated {
    pub outputs: Vec<Output>,
    /// A special category was encrypted in a copy (S2, with consent).
    pub encrypted_special: bool,
    /// A free text was redacted in a copy (S3).
    pub redacted_text: bool,
}

impl DestCtx<'_> {
    /// Contact fields of channels this destination may not use are removed (contract §2).
    fn removes_contact(&self, channels: ChannelSet) -> bool {
        !self.dest.channels.is_empty()
            && !channels.is_empty()
            && !channels.intersects(self.permitted)
    }
}

/// Per-destination context of the output writer.
struct DestCtx<'a> {
    dest: &'a Destination,
    /// The fixed start of the copy's `leadguard` member for `dest`.
    copy_head: &'a [u8],
    permitted: ChannelSet,
    consented: &'a [Category],
    scan: &'a Scan<'a>,
    fields: Vec<(Text, Applied)>,
    encrypted_special: bool,
    /// Whether a free text of this copy was redacted (S3).
    redacted_text: bool,
    /// Tokens of the normalised e-mail and phone, already computed for `subject_refs`.
    email_token: Option<&'a str>,
    phone_token: Option<&'a str>,
    /// Seals the event's encrypted values (one data key per event).
    sealer: &'a Sealer<'a>,
}

impl Guard {
    /// Phase 4: writes the copy of every forwarded destination and records its fields into
    /// the destination's audit entry.
    pub(super) fn treat(
        &self,
        event: &Admitted,
        scan: &Scan,
        decided: &mut Decided,
        sealer: &Sealer,
    ) -> Treated {
        let subject_ref = event.subject.tokens.first();
        let key: Option<Arc<str>> = subject_ref.map(|s| s.as_str().into());
        let mut treated = Treated {
            outputs: Vec::new(),
            encrypted_special: false,
            redacted_text: false,
        };
        let Decided {
            consented,
            verdicts,
            ..
        } = decided;
        for (i, (dest, verdict)) in self.policy.destinations.iter().zip(verdicts).enumerate() {
            if verdict.outcome != DestOutcome::Forwarded {
                continue;
            }
            let mut ctx = DestCtx {
                dest,
                copy_head: &self.copy_heads[i],
                permitted: verdict.permitted,
                consented,
                scan,
                fields: Vec::with_capacity(scan.items.len()),
                encrypted_special: false,
                redacted_text: false,
                email_token: event.subject.email_token(),
                phone_token: event.subject.phone_token(),
                sealer,
            };
            let payload =
                self.write_copy(&mut ctx, &verdict.entry, subject_ref.map(String::as_str));
            treated.encrypted_special |= ctx.encrypted_special;
            treated.redacted_text |= ctx.redacted_text;
            verdict.entry.fields = ctx.fields;
            treated.outputs.push(Output {
                destination: i,
                key: key.clone(),
                payload,
            });
        }
        treated
    }

    /// What the treatments need from the guard.
    fn tools<'t>(&'t self, sealer: &'t Sealer<'t>) -> Tools<'t> {
        Tools {
            pseudonym: &self.pseudonym,
            sealer,
            country_code: &self.policy.default_country_code,
            generalise: &self.policy.generalise,
        }
    }

    /// Writes the forwarded copy of the event for one destination (S1–S4, P1–P3).
    fn write_copy(
        &self,
        ctx: &mut DestCtx,
        entry: &AuditDestination,
        subject_ref: Option<&str>,
    ) -> Vec<u8> {
        let scan = ctx.scan;
        let mut out = Vec::with_capacity(1024 + scan.rendered.len() * 2);
        out.push(b'{');
        self.write_items(ctx, &mut out);
        // Close the root object with our own member: who, why, under which basis.
        if out.len() > 1 {
            out.push(b',');
        }
        out.extend_from_slice(ctx.copy_head);
        for (i, c) in ctx.permitted.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_out::plain(&mut out, c.as_str());
        }
        out.extend_from_slice(b"],\"basis\":{");
        for (i, (k, v)) in entry.basis.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_out::str(&mut out, k);
            out.push(b':');
            json_out::str(&mut out, v);
        }
        out.extend_from_slice(b"},\"subject_ref\":");
        match subject_ref {
            Some(s) => json_out::str(&mut out, s),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(&self.copy_tail);
        out
    }

    /// The treatment of one leaf in one destination's copy: the plan's, unless a rule removes
    /// the leaf (a refused channel's contact, a special category without consent, S1).
    fn leaf_treatment(
        &self,
        id: usize,
        category: Category,
        channels: ChannelSet,
        ctx: &DestCtx,
    ) -> Treatment {
        if ctx.removes_contact(channels) {
            return Treatment::Remove;
        }
        if category.is_special() && !ctx.consented.contains(&category) {
            return Treatment::Remove;
        }
        if category == Category::CustomerCode && ctx.scan.card_as_customer_code {
            return Treatment::Remove;
        }
        ctx.dest.plan[id]
    }

    /// Replays the event's [`Item`]s into one destination's copy: removed members leave no
    /// trace (not even their comma), contacts of channels not permitted are dropped whole.
    fn write_items(&self, ctx: &mut DestCtx, out: &mut Vec<u8>) {
        let scan = ctx.scan;
        let items = &scan.items;
        let comma = |out: &mut Vec<u8>, first: &mut bool| {
            if !std::mem::take(first) {
                out.push(b',');
            }
        };
        let mut first = true;
        let mut i = 0;
        while i < items.len() {
            match &items[i] {
                Item::Open {
                    key,
                    array,
                    channels,
                    end,
                } => {
                    if ctx.removes_contact(*channels) {
                        i = end + 1;
                        continue;
                    }
                    comma(out, &mut first);
                    out.extend_from_slice(key);
                    out.push(if *array { b'[' } else { b'{' });
                    first = true;
                }
                Item::Close { array } => {
                    out.push(if *array { b']' } else { b'}' });
                    first = false;
                }
                Item::Verbatim {
                    key,
                    channels,
                    clear,
                } => {
                    if !ctx.removes_contact(*channels) {
                        comma(out, &mut first);
                        out.extend_from_slice(key);
                        out.extend_from_slice(clear.bytes(&scan.rendered));
                    }
                }
                Item::Leaf {
                    key,
                    id,
                    category,
                    channels,
                    value,
                    clear,
                    path,
                    redacted,
                } => {
                    let treatment = self.leaf_treatment(*id, *category, *channels, ctx);
                    if treatment == Treatment::Remove {
                        i += 1;
                        continue;
                    }
                    // A treatment may still decline the value: the member then leaves no
                    // trace, as if removed.
                    let (mark, was_first) = (out.len(), first);
                    comma(out, &mut first);
                    out.extend_from_slice(key);
                    if value.is_null() {
                        out.extend_from_slice(b"null");
                        i += 1;
                        continue;
                    }
                    let schema_path = self.policy.lead_schema.fields.leaves[*id].path;
                    let concrete = path.map_or(schema_path, |p| p.str(&scan.paths));
                    let leaf = Leaf {
                        category: *category,
                        value,
                        clear: clear.bytes(&scan.rendered),
                        path: concrete,
                        token: match category {
                            Category::Email => ctx.email_token,
                            Category::Phone => ctx.phone_token,
                            _ => None,
                        },
                        redaction: redacted.map(|r| &scan.redactions[r]),
                    };
                    let kept = || self.contacts_kept(ctx);
                    let Some(applied) =
                        treatment::apply(treatment, &leaf, &self.tools(ctx.sealer), kept, out)
                    else {
                        out.truncate(mark);
                        first = was_first;
                        i += 1;
                        continue;
                    };
                    match applied {
                        Applied::Encrypted if category.is_special() => ctx.encrypted_special = true,
                        Applied::Redacted => ctx.redacted_text = true,
                        _ => {}
                    }
                    if category.is_personal() {
                        let path = match path {
                            Some(_) => Text::Owned(concrete.to_string()),
                            None => Text::Borrowed(schema_path),
                        };
                        ctx.fields.push((path, applied));
                    }
                }
            }
            i += 1;
        }
    }

    /// The contact details a copy may keep in clear inside free text: those whose fields it
    /// receives in clear (S3, S4). Analytics (tokens only), a refused channel or an `only` list
    /// without the field get the address written in a message redacted too.
    fn contacts_kept(&self, ctx: &DestCtx) -> ContactsKept {
        let leaves = &self.policy.lead_schema.fields.leaves;
        let keeps = |wanted: Category| {
            let mut of = leaves
                .iter()
                .enumerate()
                .filter(|(_, l)| l.category == wanted)
                .peekable();
            of.peek().is_some()
                && of.all(|(id, l)| {
                    self.leaf_treatment(id, l.category, l.channels, ctx) == Treatment::Keep
                })
        };
        ContactsKept {
            email: keeps(Category::Email),
            phone: keeps(Category::Phone),
        }
    }
}
