//! Request handlers. Each reads the session and returns a JSON result, or a protocol
//! error for bad parameters; none of them changes state.

use lsp_server::{ErrorCode, Request};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::diagnostics::Folders;
use super::session::Session;

mod actions;
mod completion;
mod doc;
mod hover;
mod navigate;
mod objects;
mod outline;
mod symbols;
mod tags;

use doc::DocView;

pub enum Answer {
    Result(Value),
    /// A result and a message to show the user (e.g. "the install has this object").
    ResultWithNote(Value, String),
}

pub type Handled = Result<Answer, (ErrorCode, String)>;

pub fn handle(session: &Session, folders: &Folders, req: &Request) -> Handled {
    match req.method.as_str() {
        "textDocument/documentSymbol" => {
            let p: lsp_types::DocumentSymbolParams = params(req)?;
            let result = match session.docs.get(&p.text_document.uri) {
                Some(doc) => json(symbols::symbols(&DocView::new(doc, session))),
                None => Value::Null,
            };
            Ok(Answer::Result(result))
        }
        "textDocument/completion" => {
            let p: lsp_types::CompletionParams = params(req)?;
            let at = p.text_document_position;
            let Some(doc) = session.docs.get(&at.text_document.uri) else {
                return Ok(Answer::Result(Value::Null));
            };
            let request = completion::Request {
                text: &doc.text,
                position: at.position,
                encoding: session.encoding,
                release: session.release_of(doc),
                folders,
            };
            Ok(Answer::Result(json(completion::complete(
                session, &request,
            ))))
        }
        "textDocument/hover" => {
            let p: lsp_types::HoverParams = params(req)?;
            let at = p.text_document_position_params;
            let Some(doc) = session.docs.get(&at.text_document.uri) else {
                return Ok(Answer::Result(Value::Null));
            };
            let diagnostics = session
                .diagnostics
                .get(&at.text_document.uri)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let hover = hover::hover(
                &doc.text,
                at.position,
                session.encoding,
                session.release_of(doc),
                diagnostics,
            );
            Ok(Answer::Result(json(hover)))
        }
        "textDocument/definition" => {
            let p: lsp_types::GotoDefinitionParams = params(req)?;
            let at = p.text_document_position_params;
            let Some(doc) = session.docs.get(&at.text_document.uri) else {
                return Ok(Answer::Result(Value::Null));
            };
            Ok(
                match navigate::definition(session, folders, &doc.uri, &doc.text, at.position) {
                    navigate::Definition::Found(locations) => Answer::Result(json(locations)),
                    navigate::Definition::Note(note) => Answer::ResultWithNote(Value::Null, note),
                    navigate::Definition::Nothing => Answer::Result(Value::Null),
                },
            )
        }
        "textDocument/references" => {
            let p: lsp_types::ReferenceParams = params(req)?;
            let at = p.text_document_position;
            let Some(doc) = session.docs.get(&at.text_document.uri) else {
                return Ok(Answer::Result(Value::Null));
            };
            let locations = navigate::references(
                &doc.uri,
                &doc.text,
                at.position,
                session.encoding,
                p.context.include_declaration,
            );
            Ok(Answer::Result(json(locations)))
        }
        "textDocument/codeAction" => {
            let p: lsp_types::CodeActionParams = params(req)?;
            let Some(doc) = session.docs.get(&p.text_document.uri) else {
                return Ok(Answer::Result(Value::Null));
            };
            let actions = actions::actions(
                &doc.uri,
                &doc.text,
                &p.context.diagnostics,
                session.encoding,
            );
            Ok(Answer::Result(json(actions)))
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
