//! A message body as a few kinds of blocks, rendered twice: as plain text and as HTML.
//!
//! Templates build a [`Doc`]; every piece of text they put in is escaped by the HTML renderer,
//! so names and descriptions typed by users cannot inject markup.

/// One block of a message body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    Para(String),
    /// Label/value lines, e.g. `When: …`.
    Facts(Vec<(String, String)>),
    /// A list, e.g. the sessions of a series.
    List(Vec<String>),
    /// A call to action.
    Link {
        label: String,
        url: String,
    },
}

/// A message body: greeting, blocks, and a closing line saying who to contact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Doc {
    pub greeting: String,
    pub blocks: Vec<Block>,
    pub contact: String,
}

impl Doc {
    pub fn new(greeting: String) -> Self {
        Self {
            greeting,
            ..Self::default()
        }
    }

    pub fn para(mut self, text: impl Into<String>) -> Self {
        self.blocks.push(Block::Para(text.into()));
        self
    }

    /// Labelled facts; one with an empty value (nothing known yet) is left out rather than
    /// shown as a placeholder.
    pub fn facts(mut self, mut facts: Vec<(String, String)>) -> Self {
        facts.retain(|(_, value)| !value.trim().is_empty());
        self.blocks.push(Block::Facts(facts));
        self
    }

    pub fn list(mut self, items: Vec<String>) -> Self {
        self.blocks.push(Block::List(items));
        self
    }

    pub fn link(mut self, label: impl Into<String>, url: impl Into<String>) -> Self {
        let url = url.into();
        if !url.is_empty() {
            self.blocks.push(Block::Link {
                label: label.into(),
                url,
            });
        }
        self
    }

    pub fn contact(mut self, text: impl Into<String>) -> Self {
        self.contact = text.into();
        self
    }

    /// The `text/plain` part.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.greeting);
        for block in &self.blocks {
            match block {
                Block::Para(text) => out.push_str(&format!("{text}\n\n")),
                Block::Facts(facts) => {
                    for (label, value) in facts {
                        out.push_str(&format!("{label}: {value}\n"));
                    }
                    out.push('\n');
                }
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("  - {item}\n"));
                    }
                    out.push('\n');
                }
                Block::Link { label, url } => out.push_str(&format!("{label}: {url}\n\n")),
            }
        }
        if !self.contact.is_empty() {
            out.push_str(&format!("{}\n\n", self.contact));
        }
        out.push_str(FOOTER_TEXT);
        out
    }

    /// The `text/html` part (inline styles only: mail clients drop style sheets).
    pub fn html(&self, title: &str) -> String {
        let mut out =
            String::from("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.push_str(&format!("<title>{}</title></head>\n", escape(title)));
        out.push_str(
            "<body style=\"font-family:Source Sans Pro,Helvetica,Arial,sans-serif;\
             color:#1b1b1b;line-height:1.5;max-width:40em\">\n",
        );
        out.push_str(&format!("<p>{}</p>\n", escape(&self.greeting)));
        for block in &self.blocks {
            match block {
                Block::Para(text) => out.push_str(&format!("<p>{}</p>\n", escape(text))),
                Block::Facts(facts) => {
                    out.push_str(
                        "<table role=\"presentation\" style=\"border-collapse:collapse\">\n",
                    );
                    for (label, value) in facts {
                        out.push_str(&format!(
                            "<tr><th scope=\"row\" style=\"text-align:left;padding:2px 12px 2px 0;\
                             vertical-align:top\">{}</th><td style=\"padding:2px 0\">{}</td></tr>\n",
                            escape(label),
                            escape(value)
                        ));
                    }
                    out.push_str("</table>\n");
                }
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for item in items {
                        out.push_str(&format!("<li>{}</li>\n", escape(item)));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Link { label, url } => out.push_str(&format!(
                    "<p><a href=\"{}\" style=\"color:#005ea2\">{}</a></p>\n",
                    escape(url),
                    escape(label)
                )),
            }
        }
        if !self.contact.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", escape(&self.contact)));
        }
        out.push_str(&format!(
            "<p style=\"color:#565c65;font-size:90%\">{}</p>\n</body></html>\n",
            escape(FOOTER_TEXT.trim())
        ));
        out
    }
}

const FOOTER_TEXT: &str =
    "TTA Scheduler, U.S. Department of Justice Public Safety Partnership (PSP)\n";

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_everything_users_typed() {
        let doc = Doc::new("Hello <b>Pat</b>,".to_owned())
            .para("A & B")
            .facts(vec![("Site".to_owned(), "\"Memphis\"".to_owned())])
            .link("Open", "https://x.example/?a=1&b=<2>");
        let html = doc.html("T<>");
        assert!(html.contains("Hello &lt;b&gt;Pat&lt;/b&gt;,"));
        assert!(html.contains("A &amp; B"));
        assert!(html.contains("&quot;Memphis&quot;"));
        assert!(html.contains("href=\"https://x.example/?a=1&amp;b=&lt;2&gt;\""));
        assert!(!html.contains("<b>"));
        let text = doc.text();
        assert!(text.contains("Hello <b>Pat</b>,"));
        assert!(text.contains("Site: \"Memphis\""));
    }
}
