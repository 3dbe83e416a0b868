//! Scenario files: who runs the flow and how they answer. Read from flowlint's own
//! YAML tree; unknown keys are errors with a location and a did-you-mean.

use std::collections::HashMap;

use super::json::Json;
pub use super::scenario_user::{DEVICE_CLASSES, InvitationChoice, ScenarioUser};
use crate::error::ToolError;
use crate::eval::Value;
use crate::rules::suggest::did_you_mean;
use crate::source::SourceFile;
use crate::yaml::{self, Node, NodeKind, ScalarValue};

/// The outcome of a policy flowlint cannot evaluate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyAnswer {
    Pass,
    Fail,
    /// The policy raises (`PolicyException`): the binding's `failure_result` applies.
    Error,
}

/// One answer of a stage that consumes a response.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    Valid,
    Invalid,
    /// Prompt field values (a valid response whose validation policies still run).
    Values(Vec<(String, Json)>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpectedOutcome {
    Completed,
    Denied,
    Waiting,
    Continued,
    Error,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expect {
    pub outcome: Option<ExpectedOutcome>,
    pub stages: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    /// The flow slug (for `flowlint test`; `--flow` wins).
    pub flow: Option<String>,
    /// Blueprint paths, relative to the scenario file.
    pub blueprints: Vec<String>,
    pub user: Option<ScenarioUser>,
    pub authenticated: bool,
    pub outpost: bool,
    pub policies: Vec<(String, PolicyAnswer)>,
    pub responses: Vec<(String, Vec<Response>)>,
    pub context: Vec<(String, Value<'static>)>,
    pub env: HashMap<String, String>,
    pub next: Option<String>,
    /// `password: wrong`: every password stage without `responses` gets a wrong password.
    pub password_wrong: bool,
    pub invitation: Option<InvitationChoice>,
    pub expect: Option<Expect>,
}

const TOP_KEYS: &[&str] = &[
    "flow",
    "blueprints",
    "user",
    "authenticated",
    "outpost",
    "policies",
    "responses",
    "context",
    "env",
    "next",
    "password",
    "invitation",
    "expect",
];
const EXPECT_KEYS: &[&str] = &["outcome", "stages"];

pub(super) struct Reader<'s> {
    pub(super) source: &'s SourceFile,
}

impl Reader<'_> {
    pub(super) fn error(&self, node: &Node, message: impl std::fmt::Display) -> ToolError {
        let at = self.source.line_col(node.span.start);
        ToolError::Config(format!(
            "{}:{}:{}: {message}",
            self.source.path, at.line, at.column
        ))
    }

    pub(super) fn map<'n>(
        &self,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
    ) -> Result<Vec<(&'n str, &'n Node)>, ToolError> {
        let pairs = match &node.kind {
            NodeKind::Map(pairs) => pairs,
            NodeKind::Scalar(s) if s.value() == ScalarValue::Null => return Ok(Vec::new()),
            _ => {
                return Err(self.error(
                    node,
                    format!("`{what}` must be a mapping, not a {}", node.kind_name()),
                ));
            }
        };
        let mut out = Vec::new();
        for pair in pairs {
            let Some(key) = pair.key.scalar_text() else {
                return Err(self.error(&pair.key, format!("keys of `{what}` must be strings")));
            };
            if !allowed.is_empty() && !allowed.contains(&key) {
                let hint = did_you_mean(key, allowed.iter().copied())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(self.error(&pair.key, format!("unknown key `{key}` in `{what}`{hint}")));
            }
            out.push((key, &pair.value));
        }
        Ok(out)
    }

    pub(super) fn string(&self, node: &Node, what: &str) -> Result<String, ToolError> {
        match &node.kind {
            NodeKind::Scalar(s) if s.value() != ScalarValue::Null => Ok(s.text.to_string()),
            _ => Err(self.error(node, format!("`{what}` must be a string"))),
        }
    }

    pub(super) fn opt_string(&self, node: &Node, what: &str) -> Result<Option<String>, ToolError> {
        match &node.kind {
            NodeKind::Scalar(s) if s.value() == ScalarValue::Null => Ok(None),
            _ => self.string(node, what).map(Some),
        }
    }

    pub(super) fn boolean(&self, node: &Node, what: &str) -> Result<bool, ToolError> {
        match node.as_scalar().map(|s| s.value()) {
            Some(ScalarValue::Bool(b)) => Ok(b),
            _ => Err(self.error(node, format!("`{what}` must be true or false"))),
        }
    }

    pub(super) fn strings(&self, node: &Node, what: &str) -> Result<Vec<String>, ToolError> {
        let items = node
            .as_seq()
            .ok_or_else(|| self.error(node, format!("`{what}` must be a list")))?;
        items.iter().map(|n| self.string(n, what)).collect()
    }

    fn response(&self, node: &Node) -> Result<Response, ToolError> {
        if let NodeKind::Map(_) = node.kind {
            let values = self.map(node, "responses", &[])?;
            return Ok(Response::Values(
                values
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), node_json(v)))
                    .collect(),
            ));
        }
        match node.scalar_text() {
            Some("valid") => Ok(Response::Valid),
            Some("invalid") => Ok(Response::Invalid),
            _ => Err(self.error(
                node,
                "a response is `valid`, `invalid` or a mapping of prompt field values",
            )),
        }
    }

    fn expect(&self, node: &Node) -> Result<Expect, ToolError> {
        let mut expect = Expect::default();
        for (key, value) in self.map(node, "expect", EXPECT_KEYS)? {
            if key == "stages" {
                expect.stages = Some(self.strings(value, "expect.stages")?);
                continue;
            }
            expect.outcome = Some(match value.scalar_text() {
                Some("completed") => ExpectedOutcome::Completed,
                Some("denied") => ExpectedOutcome::Denied,
                Some("waiting") => ExpectedOutcome::Waiting,
                Some("continued") => ExpectedOutcome::Continued,
                Some("error") => ExpectedOutcome::Error,
                _ => {
                    return Err(self.error(
                        value,
                        "`expect.outcome` is `completed`, `denied`, `continued`, `error` or `waiting`",
                    ));
                }
            });
        }
        Ok(expect)
    }
}

impl Scenario {
    /// Parse a scenario file's text; `path` is used in error locations.
    pub fn parse(path: &str, text: &str) -> Result<Scenario, ToolError> {
        let source = SourceFile::new(path, text.to_owned());
        let loaded = yaml::load(text);
        if let Some(problem) = loaded.problems.first() {
            let at = source.line_col(problem.span.start);
            return Err(ToolError::Config(format!(
                "{path}:{}:{}: {}",
                at.line, at.column, problem.message
            )));
        }
        let Some(root) = loaded.root else {
            return Ok(Scenario::default());
        };
        let r = Reader { source: &source };
        let mut sc = Scenario::default();
        for (key, value) in r.map(&root, "scenario", TOP_KEYS)? {
            match key {
                "flow" => sc.flow = r.opt_string(value, "flow")?,
                "blueprints" => sc.blueprints = r.strings(value, "blueprints")?,
                "user" => {
                    if !matches!(
                        value.as_scalar().map(|s| s.value()),
                        Some(ScalarValue::Null)
                    ) {
                        sc.user = Some(r.user(value)?);
                    }
                }
                "authenticated" => sc.authenticated = r.boolean(value, "authenticated")?,
                "outpost" => sc.outpost = r.boolean(value, "outpost")?,
                "policies" => {
                    for (name, v) in r.map(value, "policies", &[])? {
                        let answer = match (v.as_scalar().map(|s| s.value()), v.scalar_text()) {
                            (Some(ScalarValue::Bool(true)), _) | (_, Some("pass")) => {
                                PolicyAnswer::Pass
                            }
                            (Some(ScalarValue::Bool(false)), _) | (_, Some("fail")) => {
                                PolicyAnswer::Fail
                            }
                            (_, Some("error")) => PolicyAnswer::Error,
                            _ => {
                                return Err(
                                    r.error(v, "a policy outcome is true, false or `error`")
                                );
                            }
                        };
                        sc.policies.push((name.to_owned(), answer));
                    }
                }
                "responses" => {
                    for (stage, v) in r.map(value, "responses", &[])? {
                        let items = match v.as_seq() {
                            Some(items) => items
                                .iter()
                                .map(|n| r.response(n))
                                .collect::<Result<_, _>>()?,
                            None => vec![r.response(v)?],
                        };
                        sc.responses.push((stage.to_owned(), items));
                    }
                }
                "context" => {
                    for (k, v) in r.map(value, "context", &[])? {
                        sc.context.push((k.to_owned(), node_value(v)));
                    }
                }
                "env" => {
                    for (k, v) in r.map(value, "env", &[])? {
                        sc.env.insert(k.to_owned(), r.string(v, "env")?);
                    }
                }
                "next" => sc.next = r.opt_string(value, "next")?,
                "password" => {
                    sc.password_wrong = match value.scalar_text() {
                        Some("ok") => false,
                        Some("wrong") => true,
                        _ => return Err(r.error(value, "`password` is `ok` or `wrong`")),
                    };
                }
                "invitation" => sc.invitation = Some(r.invitation(value)?),
                _ => sc.expect = Some(r.expect(value)?),
            }
        }
        if sc.authenticated && sc.user.is_none() {
            return Err(r.error(&root, "`authenticated: true` needs a `user`"));
        }
        Ok(sc)
    }
}

/// A plain YAML value (tags ignored) as JSON.
pub fn node_json(node: &Node) -> Json {
    match &node.kind {
        NodeKind::Scalar(s) => match s.value() {
            ScalarValue::Null => Json::Null,
            ScalarValue::Bool(b) => Json::Bool(b),
            ScalarValue::Int(i) => Json::Int(i),
            ScalarValue::Float(f) => Json::Float(f),
            _ => Json::Str(s.text.to_string()),
        },
        NodeKind::Seq(items) => Json::Array(items.iter().map(node_json).collect()),
        NodeKind::Map(pairs) => Json::Object(
            pairs
                .iter()
                .map(|p| {
                    (
                        p.key.scalar_text().unwrap_or_default().to_owned(),
                        node_json(&p.value),
                    )
                })
                .collect(),
        ),
    }
}

fn node_value(node: &Node) -> Value<'static> {
    match &node.kind {
        NodeKind::Scalar(_) => Value::from_scalar(node).map_or(Value::Unknown, Value::into_owned),
        NodeKind::Seq(items) => Value::Seq(items.iter().map(node_value).collect()),
        NodeKind::Map(pairs) => Value::Map(
            pairs
                .iter()
                .map(|p| {
                    (
                        Value::from_scalar(&p.key).map_or(Value::Unknown, Value::into_owned),
                        node_value(&p.value),
                    )
                })
                .collect(),
        ),
    }
}
