use crate::catalog::required_with;
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::rules::EntryCx;
use crate::yaml::Pair;

declare_rule! {
    /// ## What it does
    /// Reports an entry that sets a field to a value which authentik's serializer only
    /// accepts together with another field, when that other field is missing or
    /// empty. The pairs are a release-keyed catalog table (`src/catalog/validators.rs`);
    /// today one: an authenticator validation stage with
    /// `not_configured_action: configure` needs `configuration_stages`.
    ///
    /// Decisions, to stay silent where flowlint cannot know:
    /// * the value must be literal, or a tag flowlint evaluates to it (`!Context` with
    ///   a default, ...); a value only the server knows is not judged;
    /// * the other field counts as given when it is a tag flowlint cannot evaluate
    ///   (a `!Find` may find stages), and as missing only when it is absent, `null`
    ///   or an empty list;
    /// * entries with `state: absent` are not validated by authentik and not judged.
    ///
    /// ## Why is this bad?
    /// The serializer's `validate_not_configured_action` reads `configuration_stages`
    /// from the data the blueprint gives (also when it updates an existing stage) and
    /// raises "When \"Not configured action\" is set to \"Configure\", you must set a
    /// configuration stage." The entry fails and the importer rolls the whole
    /// blueprint back.
    ///
    /// ## Severity
    /// Error: authentik rejects the entry, in every release the table row holds for.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_stages_authenticator_validate.authenticatorvalidatestage
    ///   identifiers:
    ///     name: mfa-validate
    ///   attrs:
    ///     not_configured_action: configure
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///   attrs:
    ///     not_configured_action: configure
    ///     configuration_stages:
    ///       - !Find [authentik_stages_authenticator_totp.authenticatortotpstage, [name, totp-setup]]
    /// ```
    pub static MISSING_CONDITIONAL_FIELD = {
        code: "FL223",
        name: "missing-conditional-field",
        family: Values,
        severity: Error,
        summary: "A value authentik accepts only together with another field, without it",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let Some(model) = cx.model else { return };
    if cx
        .entry
        .literal_state()
        .is_none_or(|state| !state.may_create())
    {
        return;
    }
    let version = cx.target().release.version();
    for row in required_with(model.id.as_str(), version) {
        let Some(pair) = field_pair(cx, row.field) else {
            continue;
        };
        if !matches!(&*cx.value_of(pair), Value::Str(s) if s == row.value) {
            continue;
        }
        let missing = match field_pair(cx, row.requires) {
            None => true,
            Some(other) => match &*cx.value_of(other) {
                Value::Null => true,
                Value::Seq(items) => items.is_empty(),
                _ => false,
            },
        };
        if !missing {
            continue;
        }
        sink.report(
            &MISSING_CONDITIONAL_FIELD,
            pair.value.span,
            format!(
                "`{}: {}` needs `{}`, which this entry does not give; authentik rejects the entry ({})",
                row.field, row.value, row.requires, row.message
            ),
        )
        .label(format!("needs `{}`", row.requires))
        .help(format!(
            "set `{}` in the same entry, or choose another `{}`",
            row.requires, row.field
        ));
    }
}

/// The pair the serializer reads for `name`: identifiers are merged over attrs.
fn field_pair<'a>(cx: &EntryCx<'_, 'a>, name: &str) -> Option<&'a Pair> {
    cx.entry
        .identifiers
        .and_then(|p| p.value.get_pair(name))
        .or_else(|| cx.entry.attrs.and_then(|p| p.value.get_pair(name)))
}
