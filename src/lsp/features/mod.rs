//! Request handlers. Each reads the session and returns a JSON result, or a protocol
//! error for bad parameters; none of them changes state.

use lsp_server::{ErrorCode, Request};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::session::Session;

mod doc;
mod symbols;

use doc::DocView;

#[allow(dead_code)] // used by the navigation handlers landing next
pub enum Answer {
    Result(Value),
    /// A result and a message to show the user (e.g. "the install has this object").
    ResultWithNote(Value, String),
}

pub type Handled = Result<Answer, (ErrorCode, String)>;

pub fn handle(session: &Session, req: &Request) -> Handled {
    match req.method.as_str() {
        "textDocument/documentSymbol" => {
            let p: lsp_types::DocumentSymbolParams = params(req)?;
            let result = match session.docs.get(&p.text_document.uri) {
                Some(doc) => json(symbols::symbols(&DocView::new(doc, session))),
                None => Value::Null,
            };
            Ok(Answer::Result(result))
        }
        _ => Err((
            ErrorCode::MethodNotFound,
            format!("unknown method {}", req.method),
        )),
    }
}

fn json(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn params<P: DeserializeOwned>(req: &Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(req.params.clone())
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}
