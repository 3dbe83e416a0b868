//! The synchronous message loop: one thread owns the session; checks are debounced.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::{InitializeParams, Uri, notification as note};
use serde_json::{Value, json};

use super::convert::{Encoding, uri_to_path};
use super::session::{ClientSettings, Session};
use super::transport::{Outgoing, Transport};
use super::{capabilities, diagnostics, features};

const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);
const MAX_DELAY: Duration = Duration::from_millis(1000);

pub struct Server {
    session: Session,
    /// Each workspace folder's files, trees and findings, kept up to date.
    folders: diagnostics::Folders,
    out: crossbeam_channel::Sender<Outgoing>,
    /// When the next check is due (debounced after the last change).
    check_due: Option<Instant>,
    waiting_since: Option<Instant>,
    /// Documents that have diagnostics on the client, to clear them on close.
    published: HashSet<Uri>,
    /// Problems already shown, so a bad config is reported once, not on every keystroke.
    shown: HashSet<String>,
    watch_files: bool,
    next_id: i32,
}

/// Run the server until `exit` (or the end of stdin). Returns whether `shutdown` came first.
pub fn run(transport: &Transport) -> bool {
    let out = transport.outgoing.clone();
    let mut server: Option<Server> = None;
    loop {
        let due = server.as_ref().and_then(|s| s.check_due);
        let message = match due {
            Some(at) => match transport.incoming.recv_deadline(at) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    if let Some(server) = server.as_mut() {
                        server.check_now();
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return false,
            },
            None => match transport.incoming.recv() {
                Ok(message) => message,
                Err(_) => return false,
            },
        };
        match (message, server.as_mut()) {
            (Message::Notification(n), _) if n.method == note::Exit::METHOD => {
                return server.is_some_and(|s| s.session.shutting_down);
            }
            (Message::Request(req), None) if req.method == "initialize" => {
                let (started, result) = Server::initialize(&req, out.clone());
                send(&out, Response::new_ok(req.id, result));
                server = Some(started);
            }
            (Message::Request(req), None) => send(
                &out,
                Response::new_err(
                    req.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized".into(),
                ),
            ),
            (Message::Request(req), Some(server)) => server.request(req),
            (Message::Notification(n), Some(server)) => server.notification(n),
            // Notifications before `initialize`, and replies to our own requests.
            _ => {}
        }
    }
}

fn send(out: &crossbeam_channel::Sender<Outgoing>, response: Response) {
    let _ = out.send(Outgoing::Message(Message::Response(response)));
}

impl Server {
    fn initialize(req: &Request, out: crossbeam_channel::Sender<Outgoing>) -> (Server, Value) {
        let params: InitializeParams =
            serde_json::from_value(req.params.clone()).unwrap_or_default();
        let encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let mut roots: Vec<_> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| uri_to_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            roots.extend(params.root_uri.as_ref().and_then(uri_to_path));
        }
        let client = params
            .initialization_options
            .as_ref()
            .map(ClientSettings::from_json)
            .unwrap_or_default();
        let watch_files = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let result = json!({
            "capabilities": capabilities::server_capabilities(encoding),
            "serverInfo": {"name": "flowlint", "version": env!("CARGO_PKG_VERSION")},
        });
        let server = Server {
            session: Session::new(encoding, roots, client),
            folders: diagnostics::Folders::new(),
            out,
            check_due: None,
            waiting_since: None,
            published: HashSet::new(),
            shown: HashSet::new(),
            watch_files,
            next_id: 0,
        };
        (server, result)
    }

    fn request(&mut self, req: Request) {
        if self.session.shutting_down {
            return send(
                &self.out,
                Response::new_err(
                    req.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shutting down".into(),
                ),
            );
        }
        if req.method == "shutdown" {
            self.session.shutting_down = true;
            return send(&self.out, Response::new_ok(req.id, Value::Null));
        }
        if req.method == "initialize" {
            return send(
                &self.out,
                Response::new_err(
                    req.id,
                    ErrorCode::InvalidRequest as i32,
                    "initialize was already received".into(),
                ),
            );
        }
        let id: RequestId = req.id.clone();
        // A bug in one handler answers that request with an error; the server stays up.
        if matches!(
            req.method.as_str(),
            "textDocument/completion" | "textDocument/definition"
        ) {
            // `!Find` values and targets come from the folders' workspaces, brought up
            // to date with the open documents first.
            let (session, folders) = (&self.session, &mut self.folders);
            if catch_unwind(AssertUnwindSafe(|| diagnostics::sync_all(session, folders))).is_err() {
                self.folders.clear();
            }
        }
        let (session, folders) = (&self.session, &self.folders);
        let answer = catch_unwind(AssertUnwindSafe(|| {
            features::handle(session, folders, &req)
        }))
        .unwrap_or_else(|_| {
            Err((
                ErrorCode::InternalError,
                format!("flowlint failed on {}", req.method),
            ))
        });
        let response = match answer {
            Ok(features::Answer::Result(value)) => Response::new_ok(id, value),
            Ok(features::Answer::ResultWithNote(value, note)) => {
                self.show(note, lsp_types::MessageType::INFO);
                Response::new_ok(id, value)
            }
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        send(&self.out, response);
    }

    fn notification(&mut self, n: Notification) {
        let params = n.params;
        match n.method.as_str() {
            "initialized" => self.register_watchers(),
            "textDocument/didOpen" => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params)
                {
                    let doc = p.text_document;
                    self.session.open(doc.uri, doc.text, doc.version);
                    self.schedule(Duration::ZERO);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params)
                {
                    let doc = p.text_document;
                    self.session
                        .change(&doc.uri, doc.version, p.content_changes);
                    self.schedule(self.debounce());
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params)
                {
                    self.session.docs.remove(&p.text_document.uri);
                    self.session.diagnostics.remove(&p.text_document.uri);
                    if self.published.remove(&p.text_document.uri) {
                        self.publish(p.text_document.uri, None, Vec::new());
                    }
                    self.schedule(Duration::ZERO);
                }
            }
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => {
                self.disk_changed();
                self.schedule(Duration::ZERO)
            }
            "workspace/didChangeConfiguration" => {
                if let Some(settings) = params.get("settings") {
                    self.session.client = ClientSettings::from_json(settings);
                    self.shown.clear();
                }
                self.schedule(Duration::ZERO);
            }
            "workspace/didChangeWorkspaceFolders" => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWorkspaceFoldersParams>(params)
                {
                    let removed: Vec<_> = p
                        .event
                        .removed
                        .iter()
                        .filter_map(|f| uri_to_path(&f.uri))
                        .collect();
                    self.session.roots.retain(|r| !removed.contains(r));
                    self.session
                        .roots
                        .extend(p.event.added.iter().filter_map(|f| uri_to_path(&f.uri)));
                    self.disk_changed();
                    self.schedule(Duration::ZERO);
                }
            }
            // `$/cancelRequest`, `$/setTrace` and unknown notifications: nothing to do
            // (requests are answered in order, before the next message is read).
            _ => {}
        }
    }

    fn debounce(&self) -> Duration {
        self.session
            .client
            .debounce_ms
            .map(Duration::from_millis)
            .unwrap_or(DEFAULT_DEBOUNCE)
    }

    /// Check `after` from now: each keystroke pushes a debounced check out, but never
    /// past [`MAX_DELAY`] after the first change waiting, so a fast typist still sees
    /// diagnostics; an immediate check (open, save) is never pushed out.
    fn schedule(&mut self, after: Duration) {
        let now = Instant::now();
        let first = *self.waiting_since.get_or_insert(now);
        let at = (now + after).min(first + MAX_DELAY);
        self.check_due = Some(match self.check_due {
            Some(due) if after.is_zero() => due.min(at),
            _ => at,
        });
    }

    fn check_now(&mut self) {
        self.check_due = None;
        self.waiting_since = None;
        let (session, folders) = (&self.session, &mut self.folders);
        let published =
            match catch_unwind(AssertUnwindSafe(|| diagnostics::compute(session, folders))) {
                Ok(published) => published,
                Err(_) => {
                    // What was kept may be half updated: start again from the disk.
                    self.folders.clear();
                    self.show(
                        "flowlint failed while checking; please report it".into(),
                        lsp_types::MessageType::ERROR,
                    );
                    return;
                }
            };
        for problem in published.problems {
            self.show(problem, lsp_types::MessageType::WARNING);
        }
        for (uri, version, diagnostics) in published.per_doc {
            self.published.insert(uri.clone());
            self.session
                .diagnostics
                .insert(uri.clone(), diagnostics.clone());
            self.publish(uri, version, diagnostics);
        }
    }

    /// Files may have changed on disk: read every folder again at the next check.
    fn disk_changed(&mut self) {
        for folder in self.folders.values_mut() {
            folder.disk_changed();
        }
    }

    fn publish(&self, uri: Uri, version: Option<i32>, diagnostics: Vec<lsp_types::Diagnostic>) {
        let params = lsp_types::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.notify(note::PublishDiagnostics::METHOD, params);
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let n = Notification::new(method.to_string(), params);
        let _ = self.out.send(Outgoing::Message(Message::Notification(n)));
    }

    fn show(&mut self, message: String, typ: lsp_types::MessageType) {
        if self.shown.insert(message.clone()) || typ == lsp_types::MessageType::INFO {
            let params = lsp_types::ShowMessageParams { typ, message };
            self.notify(note::ShowMessage::METHOD, params);
        }
    }

    /// Ask the client to tell us when blueprints or configuration files change on disk.
    fn register_watchers(&mut self) {
        if !self.watch_files {
            return;
        }
        let watchers: Vec<_> = [
            "**/*.yaml",
            "**/*.yml",
            "**/flowlint.toml",
            "**/.flowlint.toml",
        ]
        .iter()
        .map(|glob| json!({"globPattern": glob}))
        .collect();
        let registration = json!({"registrations": [{
            "id": "flowlint-watch",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": {"watchers": watchers},
        }]});
        self.next_id += 1;
        let request = Request::new(
            RequestId::from(format!("flowlint-{}", self.next_id)),
            "client/registerCapability".into(),
            registration,
        );
        let _ = self.out.send(Outgoing::Message(Message::Request(request)));
    }
}
