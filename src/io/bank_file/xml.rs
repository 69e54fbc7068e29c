//! The element walk OFX and CAMT readers share: XML (OFX 2.x, CAMT.053) through quick-xml, as it streams
//! in; OFX 1.x SGML by a small reader of its own (see `sgml`). Both hand the same three events to a
//! [`Sink`]: an aggregate opens, a leaf with its text, an aggregate closes; each with its line.

use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::BufRead;

/// What a reader of elements is told.
pub(super) trait Sink {
    /// An element with children opens (`namespace`: its `xmlns`, in XML).
    fn open(&mut self, name: &str, line: u64, namespace: Option<&str>) -> Result<(), String>;
    /// An element with text only (or nothing).
    fn leaf(&mut self, name: &str, value: &str, line: u64) -> Result<(), String>;
    /// An element with children closes.
    fn close(&mut self, name: &str, line: u64) -> Result<(), String>;
}

/// The predefined entities of XML (and of OFX's SGML), and character references.
fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            return char::from_u32(code).filter(|c| *c != '\0');
        }
    })
}

/// Text with its entities replaced; an unknown one is kept as written.
pub(super) fn unescape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match after
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| Some((end, entity(&after[..end])?)))
        {
            Some((end, c)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// At most 40 characters of a text, for a message.
pub(super) fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    crate::text::visible(&out).into_owned()
}

/// Input that counts its lines as it is consumed, remembering where the last few hundred ended, so that a
/// position a little behind the reader still has its line.
struct Counted<R> {
    inner: R,
    consumed: u64,
    newlines: u64,
    recent: std::collections::VecDeque<u64>,
}

/// Line ends remembered by [`Counted`].
const RECENT_LINES: usize = 512;

impl<R: BufRead> Counted<R> {
    /// The line of byte `at` (at most as far as consumed; farther back than remembered, the oldest known).
    fn line_of(&self, at: u64) -> u64 {
        let after = self.recent.iter().rev().take_while(|n| **n >= at).count() as u64;
        self.newlines - after + 1
    }
}

impl<R: BufRead> std::io::Read for Counted<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            out[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(available) = self.inner.fill_buf() {
            for at in memchr::memchr_iter(b'\n', &available[..amt.min(available.len())]) {
                self.newlines += 1;
                if self.recent.len() == RECENT_LINES {
                    self.recent.pop_front();
                }
                self.recent.push_back(self.consumed + at as u64);
            }
        }
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

/// Walks a whole XML text (see [`walk_xml_stream`]).
pub(super) fn walk_xml(text: &str, sink: &mut impl Sink) -> Result<(), String> {
    walk_xml_stream(text.as_bytes(), sink)
}

/// Walks XML with quick-xml as it streams in (well-formedness checked: end tags match, entities known),
/// local names only.
pub(super) fn walk_xml_stream(input: impl BufRead, sink: &mut impl Sink) -> Result<(), String> {
    let mut reader = Reader::from_reader(Counted {
        inner: input,
        consumed: 0,
        newlines: 0,
        recent: std::collections::VecDeque::with_capacity(RECENT_LINES),
    });
    let mut stack: Vec<(String, u64)> = Vec::new();
    // The element on top of the stack, while its children have not been seen yet (a leaf if it ends
    // first): its line and namespace.
    let mut pending: Option<(u64, Option<String>)> = None;
    // Names popped, kept to be filled again (an element's name is not allocated for every row).
    let mut spare: Vec<String> = Vec::new();
    let mut value = String::new();
    let mut root_seen = false;
    let mut event_buf = Vec::new();
    loop {
        let before = reader.buffer_position();
        event_buf.clear();
        let event = match reader.read_event_into(&mut event_buf) {
            Ok(event) => event,
            Err(e) => {
                let at = reader.error_position();
                let line = reader.get_ref().line_of(at);
                return Err(format!("the XML is not well-formed on line {line}: {e}"));
            }
        };
        let line = reader.get_ref().line_of(before);
        match event {
            Event::Start(e) | Event::Empty(e) if root_seen && stack.is_empty() => {
                let _ = e;
                return Err(format!("line {line}: a second root element; the XML holds one"));
            }
            Event::Start(e) => {
                if let (Some((at, ns)), Some((name, _))) = (pending.take(), stack.last()) {
                    sink.open(name, at, ns.as_deref())?;
                }
                root_seen = true;
                let mut name = spare.pop().unwrap_or_default();
                name.clear();
                name.push_str(e.local_name().as_ref());
                stack.push((name, line));
                pending = Some((line, namespace(&e)));
                value.clear();
            }
            Event::Empty(e) => {
                if let (Some((at, ns)), Some((name, _))) = (pending.take(), stack.last()) {
                    sink.open(name, at, ns.as_deref())?;
                }
                root_seen = true;
                let name = e.local_name().as_ref().to_string();
                if stack.is_empty() {
                    sink.open(&name, line, namespace(&e).as_deref())?;
                    sink.close(&name, line)?;
                } else {
                    sink.leaf(&name, "", line)?;
                }
            }
            Event::Text(t) => {
                if pending.is_some() {
                    value.push_str(&t.xml10_content());
                } else if !t.xml10_content().trim().is_empty() {
                    let shown = shorten(t.xml10_content().trim());
                    return Err(format!("line {line}: text '{shown}' stands outside any element"));
                }
            }
            Event::CData(c) => {
                if pending.is_some() {
                    value.push_str(&c.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let name = r.as_ref().to_string();
                let Some(c) = entity(&name) else {
                    return Err(format!("line {line}: the entity &{name}; is not defined"));
                };
                if pending.is_some() {
                    value.push(c);
                }
            }
            Event::End(_) => {
                let Some((name, _)) = stack.pop() else {
                    return Err(format!("line {line}: an end tag closes nothing"));
                };
                match pending.take() {
                    Some((_, ns)) if stack.is_empty() => {
                        sink.open(&name, line, ns.as_deref())?;
                        sink.close(&name, line)?;
                    }
                    Some((at, _)) => sink.leaf(&name, value.trim(), at)?,
                    None => sink.close(&name, line)?,
                }
                spare.push(name);
                value.clear();
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if let Some((name, line)) = stack.first() {
        let (inner, inner_line) = stack.last().map_or((name, line), |(n, l)| (n, l));
        return Err(format!(
            "the file is cut short: <{name}> opened on line {line} is never closed (the last element open is <{inner}> of line {inner_line})"
        ));
    }
    if !root_seen {
        return Err("it holds no XML element".into());
    }
    Ok(())
}

fn namespace(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.as_ref();
        (key == "xmlns" || key.starts_with("xmlns:")).then(|| a.value.to_string())
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The events of a walk, as text.
    #[derive(Default)]
    pub(in super::super) struct Events(pub(in super::super) Vec<String>);

    impl Sink for Events {
        fn open(&mut self, name: &str, line: u64, _: Option<&str>) -> Result<(), String> {
            self.0.push(format!("{line}:<{name}>"));
            Ok(())
        }
        fn leaf(&mut self, name: &str, value: &str, line: u64) -> Result<(), String> {
            self.0.push(format!("{line}:{name}={value}"));
            Ok(())
        }
        fn close(&mut self, name: &str, line: u64) -> Result<(), String> {
            self.0.push(format!("{line}:</{name}>"));
            Ok(())
        }
    }

    #[test]
    fn xml_elements_with_text_only_are_leaves() {
        let mut e = Events::default();
        let text = "<?xml version=\"1.0\"?>\n<R xmlns=\"urn:x\">\n <A>\n  <B>x &amp; y</B>\n  <C/>\n </A>\n</R>\n";
        walk_xml(text, &mut e).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.0, ["2:<R>", "3:<A>", "4:B=x & y", "5:C=", "6:</A>", "7:</R>"]);
        let cut = walk_xml("<R>\n<A>\n<B>1</B>\n", &mut Events::default());
        assert!(cut.is_err_and(|e| e.contains("cut short: <R> opened on line 1")));
        assert!(walk_xml("<R><A></B></R>", &mut Events::default()).is_err());
        assert!(walk_xml("<R>&bogus;</R>", &mut Events::default()).is_err());
    }
}
