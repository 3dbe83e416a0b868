//! The large-flow workload shared by `benches/simulate.rs` and
//! `tests/simulate_large_flow.rs`.

use std::fmt::Write as _;

/// `n` dummy stages bound in order, half behind a passing and half behind a failing
/// dummy policy, after an identification stage.
pub fn big_flow(n: usize) -> String {
    let mut out = String::from(
        "version: 1\nmetadata: {name: sim perf}\nentries:\n\
         - {model: authentik_flows.flow, id: flow, identifiers: {slug: sim-perf}, attrs: {name: perf, title: perf, designation: authentication}}\n\
         - {model: authentik_policies_dummy.dummypolicy, id: pass, identifiers: {name: sim-perf-pass}, attrs: {result: true}}\n\
         - {model: authentik_policies_dummy.dummypolicy, id: fail, identifiers: {name: sim-perf-fail}, attrs: {result: false}}\n\
         - {model: authentik_stages_identification.identificationstage, id: ident, identifiers: {name: sim-perf-ident}}\n\
         - {model: authentik_flows.flowstagebinding, identifiers: {target: !KeyOf flow, stage: !KeyOf ident, order: 0}}\n",
    );
    for i in 0..n {
        let policy = if i % 2 == 0 { "pass" } else { "fail" };
        let _ = write!(
            out,
            "- {{model: authentik_stages_dummy.dummystage, id: s{i}, identifiers: {{name: sim-perf-{i}}}}}\n\
             - {{model: authentik_flows.flowstagebinding, id: b{i}, identifiers: {{target: !KeyOf flow, stage: !KeyOf s{i}, order: {}}}}}\n\
             - {{model: authentik_policies.policybinding, identifiers: {{target: !KeyOf b{i}, policy: !KeyOf {policy}, order: 0}}}}\n",
            i + 1
        );
    }
    out
}
