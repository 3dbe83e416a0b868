//! The ends of a run: `_flow_done` (flow-semantics §3.7) and `handle_invalid_flow`
//! with the flow's `denied_action` (§3.6).

use super::executor::{Outcome, Simulator};

impl Simulator<'_> {
    /// `_flow_done`: redirect to `redirect` in the context, else `?next=`, else root.
    pub(super) fn flow_done(&mut self, why: String) -> Outcome {
        let redirect = self
            .plan
            .as_ref()
            .and_then(|p| p.context.plain_str("redirect"))
            .map(str::to_owned);
        self.plan = None;
        let to = match redirect {
            Some(to) => to,
            None => match self.next.clone() {
                Some(next) if is_absolute(&next) => {
                    self.step(format!(
                        "{why}; the flow is done but `next` is absolute: Invalid next URL"
                    ));
                    return Outcome::Denied {
                        message: "Invalid next URL".to_owned(),
                    };
                }
                Some(next) => next,
                None => "/".to_owned(),
            },
        };
        self.step(format!("{why}; the flow is done, redirect to `{to}`"));
        Outcome::Completed { to }
    }

    /// `handle_invalid_flow`: the flow's `denied_action` (`FlowDeniedAction`,
    /// `authentik/flows/models.py`).
    pub(super) fn handle_invalid_flow(
        &mut self,
        flow: usize,
        messages: Vec<String>,
        why: String,
    ) -> Outcome {
        if let Some(outcome) = self.denied_continue(flow, &format!("flow not applicable ({why})")) {
            return outcome;
        }
        let action = self
            .model
            .obj(flow)
            .str_or("denied_action", "message_continue")
            .to_owned();
        self.plan = None;
        let message = if messages.is_empty() {
            "Flow does not apply to current user.".to_owned()
        } else {
            messages.join("\n")
        };
        let unless = if action == "message_continue" {
            " (no relative ?next= to continue to)"
        } else {
            ""
        };
        self.step(format!(
            "flow not applicable ({why}); denied_action `{action}`{unless} shows access denied: {message}"
        ));
        Outcome::Denied { message }
    }

    /// The part of `handle_invalid_flow` that sends the user on without an error:
    /// `continue` and `message_continue` go to a relative `?next=`, `continue` else to
    /// the root redirect (`/`).
    pub(super) fn denied_continue(&mut self, flow: usize, step: &str) -> Option<Outcome> {
        let action = self
            .model
            .obj(flow)
            .str_or("denied_action", "message_continue")
            .to_owned();
        let relative_next = self.next.clone().filter(|n| !is_absolute(n));
        let to = match (action.as_str(), relative_next) {
            ("continue" | "message_continue", Some(next)) => next,
            ("continue", None) => "/".to_owned(),
            _ => return None,
        };
        self.plan = None;
        self.step(format!(
            "{step}; denied_action `{action}` sends the user on to `{to}` without an error"
        ));
        Some(Outcome::Continued { to, action })
    }
}

/// authentik's `is_url_absolute`: `bool(urlparse(url).netloc)`. Python takes a
/// scheme before the first `:` when it starts with a letter and holds only scheme
/// characters, then a netloc only when `//` follows: a `://` later in a query
/// (`/authorize/?redirect_uri=https://app/cb`) keeps the URL relative.
fn is_absolute(url: &str) -> bool {
    let url = url.trim_start_matches(|c: char| c <= ' ');
    let rest = match url.split_once(':') {
        Some((scheme, rest))
            if scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) =>
        {
            rest
        }
        _ => url,
    };
    rest.strip_prefix("//")
        .and_then(|after| after.split(['/', '?', '#']).next())
        .is_some_and(|netloc| !netloc.is_empty())
}

#[cfg(test)]
mod tests {
    use super::is_absolute;

    #[test]
    fn a_url_is_absolute_when_python_finds_a_netloc() {
        for absolute in [
            "https://evil.example/",
            "//evil.example/path",
            "HTTP://evil.example",
            "ftp://host",
            " https://evil.example",
            "javascript://host/%0aalert(1)",
        ] {
            assert!(is_absolute(absolute), "{absolute}");
        }
        for relative in [
            "/",
            "/if/user/",
            "/application/o/authorize/?redirect_uri=https://app.example.com/cb",
            "relative/path?x=https://y",
            "https:relative",
            "https:///path",
            "1http://host",
            "",
        ] {
            assert!(!is_absolute(relative), "{relative}");
        }
    }
}
