//! `flowlint graph` on a corpus flow, snapshotted in each format (no Graphviz needed).

mod common;

use flowlint::check::{self, Input, Settings};
use flowlint::cli::graph::{GraphFormat, graph_of};

fn render(format: GraphFormat, flow: Option<&str>) -> String {
    let root = common::root();
    let files =
        check::discover(&[root.join("tests/fixtures/graph")]).expect("fixture folder exists");
    let settings = Settings::default();
    let inputs: Vec<Input> = files
        .iter()
        .map(|f| Input::read(f, common::relative(&root, f), settings.max_file_size))
        .collect();
    let outcome = graph_of(inputs, flow, format, &settings);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    outcome.stdout
}

#[test]
fn graph_of_the_default_authentication_flow() {
    let flow = Some("default-authentication-flow");
    common::snapshot_settings().bind(|| {
        insta::assert_snapshot!(
            "graph-default-authentication-flow-dot",
            render(GraphFormat::Dot, flow)
        );
        insta::assert_snapshot!(
            "graph-default-authentication-flow-mermaid",
            render(GraphFormat::Mermaid, flow)
        );
        insta::assert_snapshot!(
            "graph-default-authentication-flow-json",
            render(GraphFormat::Json, flow)
        );
    });
}

#[test]
fn graph_of_the_world_and_dot_shape() {
    let dot = render(GraphFormat::Dot, None);
    assert!(dot.starts_with("digraph flowlint {\n") && dot.ends_with("}\n"));
    // Bindings in order: the flow's edges list orders 10, 20, 30, 100.
    let orders: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains("[label=\"order "))
        .collect();
    assert_eq!(orders.len(), 5, "{dot}");
}

#[test]
fn unknown_flow_is_a_usage_error() {
    let settings = Settings::default();
    let inputs = vec![Input::from_text(
        "x.yaml",
        "version: 1\nentries: []\n".to_string(),
    )];
    let outcome = graph_of(inputs, Some("nope"), GraphFormat::Dot, &settings);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("nope"));
}

/// Graphviz must accept the DOT output. `.ci/run` installs Graphviz, so in CI a
/// missing `dot` is a failure; on a developer machine without it the test says so.
#[test]
fn graphviz_renders_the_dot_output() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dot = render(GraphFormat::Dot, None);
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("graphviz `dot` not installed: skipping the render check");
            return;
        }
        Err(e) => panic!("graphviz `dot` is required in CI: {e}"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot rejected the graph: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
}

/// The world graph exactly as built: every node in index order (kind, label, model,
/// entries, blueprint, order), every edge in insertion order and each entry's node.
/// Rules and renderers rely on node indices (ties, "first declaring entry") and on
/// edge order (petgraph walks a node's edges newest first), so a faster build must
/// reproduce them: shared objects across files, bindings declared twice, policy
/// bindings on bindings, literal pks, references, prompts, skipped and absent entries
/// and blueprints applied by name and by path.
#[test]
fn graph_numbering_of_a_multi_file_world() {
    use flowlint::workspace::{Retention, Workspace};
    let files = [
        ("a-login.yaml", include_str!("graph_numbering/a-login.yaml")),
        (
            "b-shared.yaml",
            include_str!("graph_numbering/b-shared.yaml"),
        ),
        (
            "c-unnamed.yaml",
            include_str!("graph_numbering/c-unnamed.yaml"),
        ),
    ];
    let inputs = files
        .iter()
        .map(|(path, text)| Input::from_text(format!("graph_numbering/{path}"), text.to_string()))
        .collect();
    let dump = Workspace::new(Settings::default(), Retention::KeepTrees)
        .loaded(inputs)
        .with_world(|world| {
            let g = &world.graph.graph;
            let mut out = String::new();
            for n in g.node_indices() {
                let node = &g[n];
                out += &format!(
                    "node {} {} {:?} model={:?} entries={:?} blueprint={:?} order={:?}\n",
                    n.index(),
                    node.kind.as_str(),
                    node.label,
                    node.model,
                    node.entries,
                    node.blueprint,
                    node.order
                );
            }
            for e in g.edge_indices() {
                let (a, b) = g.edge_endpoints(e).expect("edge of the graph");
                out += &format!(
                    "edge {} {} -> {} {:?}\n",
                    e.index(),
                    a.index(),
                    b.index(),
                    g[e]
                );
            }
            for idx in 0..world.entries.len() {
                let node = world.graph.node_of(idx).map(|n| n.index());
                out += &format!("entry {idx} node={node:?}\n");
            }
            out
        });
    common::snapshot_settings().bind(|| {
        insta::assert_snapshot!("graph-numbering-multi-file", dump);
    });
}
