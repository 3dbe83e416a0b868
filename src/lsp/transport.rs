//! JSON-RPC framing over stdio that survives a bad client.
//!
//! `lsp-server`'s own stdio reader stops at the first malformed message, which would
//! end the server. Here a frame that is not JSON gets a `-32700` parse error, a JSON
//! value that is not a message gets `-32600`, and reading goes on; only the end of
//! stdin ends the reader.

use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::Message;
use serde_json::json;

/// Frames larger than this are read and dropped with an error (a 10 MB document fits).
const MAX_FRAME: usize = 256 << 20;

/// What the writer thread sends: a message, or a raw error reply for input that was
/// never a message (its id may be `null`, which `lsp_server::RequestId` cannot hold).
pub enum Outgoing {
    Message(Message),
    Raw(serde_json::Value),
}

pub struct Transport {
    pub incoming: Receiver<Message>,
    pub outgoing: Sender<Outgoing>,
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<()>,
}

impl Transport {
    pub fn stdio() -> io::Result<Transport> {
        let (in_tx, in_rx) = unbounded();
        let (out_tx, out_rx) = unbounded::<Outgoing>();
        let errors = out_tx.clone();
        let reader = thread::Builder::new()
            .name("flowlint-lsp-reader".into())
            .spawn(move || read_loop(&mut io::stdin().lock(), &in_tx, &errors))?;
        let writer = thread::Builder::new()
            .name("flowlint-lsp-writer".into())
            .spawn(move || {
                let stdout = io::stdout();
                for out in out_rx {
                    let value = match out {
                        Outgoing::Message(message) => message_json(&message),
                        Outgoing::Raw(value) => value,
                    };
                    let text = value.to_string();
                    let mut lock = stdout.lock();
                    let written = write!(lock, "Content-Length: {}\r\n\r\n{text}", text.len())
                        .and_then(|()| lock.flush());
                    if written.is_err() {
                        break;
                    }
                }
            })?;
        Ok(Transport {
            incoming: in_rx,
            outgoing: out_tx,
            reader,
            writer,
        })
    }

    /// Wait for the writer to flush everything sent. The reader is left to end with
    /// stdin: joining it would block on a client that keeps its end open.
    pub fn finish(self) {
        drop(self.outgoing);
        drop(self.incoming);
        let _ = self.writer.join();
        drop(self.reader);
    }
}

fn message_json(message: &Message) -> serde_json::Value {
    let mut value = serde_json::to_value(message).unwrap_or(serde_json::Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("jsonrpc".into(), json!("2.0"));
    }
    value
}

fn error_reply(id: serde_json::Value, code: i64, message: String) -> Outgoing {
    Outgoing::Raw(json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code, "message": message},
    }))
}

fn read_loop(input: &mut impl BufRead, messages: &Sender<Message>, errors: &Sender<Outgoing>) {
    loop {
        let body = match read_frame(input) {
            Frame::End => return,
            Frame::Bad(reason) => {
                let _ = errors.send(error_reply(serde_json::Value::Null, -32700, reason));
                continue;
            }
            Frame::Body(body) => body,
        };
        let value: serde_json::Value = match serde_json::from_slice(&body) {
            Ok(value) => value,
            Err(e) => {
                let reason = format!("parse error: {e}");
                let _ = errors.send(error_reply(serde_json::Value::Null, -32700, reason));
                continue;
            }
        };
        let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
        match serde_json::from_value::<Message>(value) {
            Ok(message) => {
                let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if messages.send(message).is_err() || is_exit {
                    return;
                }
            }
            Err(e) => {
                let reason = format!("invalid request: {e}");
                let _ = errors.send(error_reply(id, -32600, reason));
            }
        }
    }
}

enum Frame {
    Body(Vec<u8>),
    Bad(String),
    End,
}

/// One `Content-Length` framed body. Unknown headers are ignored; a header block
/// without a length is an error for that block, and reading resumes after it.
fn read_frame(input: &mut impl BufRead) -> Frame {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return Frame::End,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !saw_header {
                continue;
            }
            break;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(length) = length else {
        return Frame::Bad("parse error: a header block without a valid Content-Length".into());
    };
    let mut body = vec![0; length.min(MAX_FRAME)];
    if input.read_exact(&mut body).is_err() {
        return Frame::End;
    }
    if length > MAX_FRAME {
        let mut rest = (length - MAX_FRAME) as u64;
        if io::copy(&mut io::Read::take(&mut *input, rest), &mut io::sink())
            .map(|n| rest -= n)
            .is_err()
            || rest > 0
        {
            return Frame::End;
        }
        return Frame::Bad(format!(
            "parse error: message of {length} bytes is too large"
        ));
    }
    Frame::Body(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(text: &str) -> (Vec<Message>, Vec<serde_json::Value>) {
        let (tx, rx) = unbounded();
        let (etx, erx) = unbounded();
        read_loop(&mut io::Cursor::new(text.as_bytes().to_vec()), &tx, &etx);
        drop((tx, etx));
        let errors = erx
            .into_iter()
            .map(|o| match o {
                Outgoing::Raw(v) => v,
                Outgoing::Message(m) => message_json(&m),
            })
            .collect();
        (rx.into_iter().collect(), errors)
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_frames_get_errors_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame("{not json"),
            "X-Nothing: 1\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":7,"params":{}}"#),
            frame(good),
        ]
        .concat();
        let (messages, errors) = frames(&input);
        assert_eq!(messages.len(), 1);
        let codes: Vec<_> = errors.iter().map(|e| e["error"]["code"].clone()).collect();
        assert_eq!(codes, [json!(-32700), json!(-32700), json!(-32600)]);
        assert_eq!(errors[2]["id"], json!(7));
    }
}
