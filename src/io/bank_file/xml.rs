//! The element walk OFX and CAMT readers share: OFX 1.x SGML by a small reader of its own (leaf tags left
//! unclosed), XML (OFX 2.x, CAMT.053) through quick-xml. Both hand the same three events to a [`Sink`]: an
//! aggregate opens, a leaf with its text, an aggregate closes; each with its line.

use super::Lines;
use quick_xml::events::Event;
use quick_xml::Reader;

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
fn unescape(text: &str) -> std::borrow::Cow<'_, str> {
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

/// An element opened and not yet closed: its name, its line, whether anything is inside it.
struct Open<'t> {
    name: &'t str,
    line: u64,
    children: bool,
}

/// Walks OFX 1.x SGML: `<TAG>` opens an aggregate or starts a leaf whose text runs to the next tag (a
/// closing `</TAG>` of a leaf is allowed and skipped); `</TAG>` closes the aggregate and whatever empty
/// elements were left open inside it. A file that ends with an aggregate open is cut short.
pub(super) fn walk_sgml(text: &str, first_line: u64, sink: &mut impl Sink) -> Result<(), String> {
    let bytes = text.as_bytes();
    let mut lines = Lines::new(text);
    lines.line = first_line;
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut last_leaf: Option<&str> = None;
    let closed = closed_names(text);
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &bytes[i..]).map(|at| i + at) {
        let stray = text[i..lt].trim();
        if !stray.is_empty() {
            return Err(format!(
                "line {}: text '{}' stands outside any tag",
                lines.of(i + text[i..].len() - text[i..].trim_start().len()),
                shorten(stray)
            ));
        }
        let line = lines.of(lt);
        let Some(gt) = memchr(b'>', &bytes[lt..]).map(|at| lt + at) else {
            return Err(format!("the file is cut short inside a tag on line {line}"));
        };
        let tag = &text[lt + 1..gt];
        i = gt + 1;
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            match stack.iter().rposition(|o| o.name.eq_ignore_ascii_case(name)) {
                Some(at) => {
                    while stack.len() > at {
                        if let Some(open) = stack.pop() {
                            sink.close(open.name, line)?;
                        }
                    }
                }
                None if last_leaf.is_some_and(|l| l.eq_ignore_ascii_case(name)) => {}
                None => return Err(format!("line {line}: </{name}> closes no open <{name}>")),
            }
            last_leaf = None;
            continue;
        }
        let name = tag.split_ascii_whitespace().next().unwrap_or("");
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        {
            return Err(format!("line {line}: <{}> is not an OFX tag", shorten(tag)));
        }
        if let Some(parent) = stack.last_mut() {
            parent.children = true;
        }
        let end = memchr(b'<', &bytes[i..]).map_or(bytes.len(), |at| i + at);
        let value = text[i..end].trim();
        // An element with no text is an aggregate when it is closed somewhere in the file; otherwise it is
        // an empty leaf (`<MEMO>` with nothing after it).
        let aggregate = value.is_empty()
            && !closes_itself(&text[end..], name)
            && (closed.contains(&name.to_ascii_uppercase()) || AGGREGATES.iter().any(|a| a.eq_ignore_ascii_case(name)));
        if value.is_empty() && !aggregate {
            sink.leaf(name, "", line)?;
            last_leaf = Some(name);
            i = end;
        } else if value.is_empty() {
            sink.open(name, line, None)?;
            stack.push(Open {
                name,
                line,
                children: false,
            });
            last_leaf = None;
        } else {
            sink.leaf(name, &unescape(value), line)?;
            last_leaf = Some(name);
            i = end;
        }
    }
    let rest = text[i..].trim();
    if !rest.is_empty() {
        return Err(format!(
            "line {}: text '{}' stands outside any tag",
            lines.of(text.len()),
            shorten(rest)
        ));
    }
    if let Some(open) = stack.iter().find(|o| o.children) {
        return Err(format!(
            "the file is cut short: <{}> opened on line {} is never closed",
            open.name, open.line
        ));
    }
    Ok(())
}

/// The OFX aggregates pfos reads: always aggregates, even in a file cut short before their end tags.
const AGGREGATES: &[&str] = &[
    "OFX",
    "SIGNONMSGSRSV1",
    "SONRS",
    "STATUS",
    "FI",
    "BANKMSGSRSV1",
    "STMTTRNRS",
    "STMTRS",
    "BANKACCTFROM",
    "BANKTRANLIST",
    "STMTTRN",
    "PAYEE",
    "BANKACCTTO",
    "CCACCTTO",
    "LEDGERBAL",
    "AVAILBAL",
    "CREDITCARDMSGSRSV1",
    "CCSTMTTRNRS",
    "CCSTMTRS",
    "CCACCTFROM",
    "CURRENCY",
    "ORIGCURRENCY",
    "INVSTMTMSGSRSV1",
    "INVSTMTTRNRS",
    "INVSTMTRS",
    "LOANSTMTRS",
];

/// The names of every `</TAG>` in the text, in capitals.
fn closed_names(text: &str) -> std::collections::HashSet<String> {
    let mut names = std::collections::HashSet::new();
    for piece in text.split("</").skip(1) {
        if let Some(name) = piece.split('>').next() {
            names.insert(name.trim().to_ascii_uppercase());
        }
    }
    names
}

/// Whether the text (from a tag's end) starts with that tag's own end tag, blanks aside.
fn closes_itself(rest: &str, name: &str) -> bool {
    rest.strip_prefix("</")
        .and_then(|r| r.split_once('>'))
        .is_some_and(|(n, _)| n.trim().eq_ignore_ascii_case(name))
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

/// At most 40 characters of a text, for a message.
pub(super) fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    crate::text::visible(&out).into_owned()
}

/// Walks XML with quick-xml (well-formedness checked: end tags match, entities known), local names only.
pub(super) fn walk_xml(text: &str, sink: &mut impl Sink) -> Result<(), String> {
    let mut reader = Reader::from_str(text);
    let mut lines = Lines::new(text);
    let mut stack: Vec<(String, u64)> = Vec::new();
    // An element started whose children have not been seen yet: a leaf if it ends first.
    let mut pending: Option<(String, u64, Option<String>)> = None;
    let mut value = String::new();
    let mut root_seen = false;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                return Err(format!("the XML is not well-formed on line {}: {e}", lines.of(at)));
            }
        };
        let line = lines.of(before);
        match event {
            Event::Start(e) | Event::Empty(e) if root_seen && stack.is_empty() => {
                let _ = e;
                return Err(format!("line {line}: a second root element; the XML holds one"));
            }
            Event::Start(e) => {
                if let Some((name, at, ns)) = pending.take() {
                    sink.open(&name, at, ns.as_deref())?;
                }
                root_seen = true;
                let name = e.local_name().as_ref().to_string();
                let ns = namespace(&e);
                stack.push((name.clone(), line));
                pending = Some((name, line, ns));
                value.clear();
            }
            Event::Empty(e) => {
                if let Some((name, at, ns)) = pending.take() {
                    sink.open(&name, at, ns.as_deref())?;
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
                    Some((leaf, _, ns)) if stack.is_empty() => {
                        sink.open(&leaf, line, ns.as_deref())?;
                        sink.close(&leaf, line)?;
                    }
                    Some((leaf, at, _)) => sink.leaf(&leaf, value.trim(), at)?,
                    None => sink.close(&name, line)?,
                }
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
mod tests {
    use super::*;

    #[derive(Default)]
    struct Events(Vec<String>);

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
    fn sgml_leaves_need_no_end_tag() {
        let mut e = Events::default();
        let text = "<OFX>\r\n<A>\r\n<B>one &amp; two\r\n<C>3</C>\r\n<D>\r\n<E></E><F>x\r\n</A>\r\n</OFX>\r\n";
        walk_sgml(text, 1, &mut e).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            e.0,
            [
                "1:<OFX>",
                "2:<A>",
                "3:B=one & two",
                "4:C=3",
                "5:D=",
                "6:E=",
                "6:F=x",
                "7:</A>",
                "8:</OFX>"
            ]
        );
        let cut = walk_sgml("<OFX>\n<A>\n<B>1\n", 1, &mut Events::default());
        assert_eq!(
            cut,
            Err("the file is cut short: <OFX> opened on line 1 is never closed".into())
        );
        assert!(walk_sgml("<OFX>\n</B>\n", 1, &mut Events::default()).is_err());
        assert!(walk_sgml("<OFX><A", 1, &mut Events::default()).is_err());
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
