use crate::declare_rule;
use crate::finding::Sink;
use crate::world::WorldCx;

declare_rule! {
    /// ## What it does
    /// Reports identifiers with a literal UUID `pk`.
    ///
    /// ## Why is this bad?
    /// Primary keys are generated per installation. A blueprint that looks objects up
    /// by a hard-coded `pk` (typical of exports) creates a second object on another
    /// installation, or collides with an unrelated one, instead of finding the object
    /// by its natural key (slug, name).
    ///
    /// ## Example
    /// ```yaml
    /// identifiers:
    ///   pk: 0dd9b946-bf76-4e1a-864f-2d4bfcadfea7
    ///   slug: default-authentication-flow
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// identifiers:
    ///   slug: default-authentication-flow
    /// ```
    pub static HARD_CODED_PK = {
        code: "FL409",
        name: "hard-coded-pk",
        family: References,
        severity: Info,
        summary: "Identifiers hard-code a UUID primary key",
        check: crate::rules::Check::World(check),
    };
}

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    (groups.len() == 5
        && groups
            .iter()
            .zip(lens)
            .all(|(g, l)| g.len() == l && g.chars().all(|c| c.is_ascii_hexdigit())))
        || (text.len() == 32 && text.chars().all(|c| c.is_ascii_hexdigit()))
}

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    for we in &cx.world.entries {
        let Some(pair) = we.entry.identifiers.and_then(|p| p.value.get_pair("pk")) else {
            continue;
        };
        let Some(text) = pair.value.as_str() else {
            continue;
        };
        if !is_uuid(text.trim()) {
            continue;
        }
        sink.report_in(
            &HARD_CODED_PK,
            we.file,
            pair.value.span,
            format!("{} is identified by a hard-coded primary key; it will not match on another installation", we.describe()),
        )
        .label("installation-specific pk")
        .help("identify the object by its natural key (`slug`, `name`) and drop `pk`");
    }
}
