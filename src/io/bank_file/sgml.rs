//! OFX 1.x SGML, walked by a small reader of its own as the text streams in: `<TAG>` opens an aggregate or
//! starts a leaf whose text runs to the next tag (a closing `</TAG>` of a leaf is allowed and skipped);
//! `</TAG>` closes the aggregate and whatever empty elements were left open inside it. A file that ends
//! with an aggregate open is cut short. Only the text from the current tag to the one after it is held.

use super::text::TextChunks;
#[cfg(test)]
use super::text::Whole;
use super::xml::{shorten, unescape, Sink};
use std::collections::HashSet;

/// Text held at most past where the walk stands: an element's text is a few dozen bytes.
const MAX_PENDING: usize = 4 * 1024 * 1024;
/// Text already walked that is dropped from the front of the buffer once there is this much of it.
const COMPACT_AT: usize = 256 * 1024;

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
#[cfg(test)]
fn closed_names(text: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    for piece in text.split("</").skip(1) {
        if let Some(name) = piece.split('>').next() {
            names.insert(name.trim().to_ascii_uppercase());
        }
    }
    names
}

/// Walks a whole SGML text (see the module).
#[cfg(test)]
pub(super) fn walk_sgml(text: &str, first_line: u64, sink: &mut impl Sink) -> Result<(), String> {
    walk_sgml_stream(Whole(Some(text)), first_line, &closed_names(text), sink)
}

/// An element opened and not yet closed: its name, its line, whether anything is inside it.
struct Open {
    name: String,
    line: u64,
    children: bool,
}

/// The text being walked: what has come in and not been dropped yet, with the line where it stands.
struct Buffer<T: TextChunks> {
    input: T,
    text: String,
    ended: bool,
    /// `line` is the line of byte `counted` of `text`.
    counted: usize,
    line: u64,
}

impl<T: TextChunks> Buffer<T> {
    /// The line of byte `at` (at or after the last asked for).
    fn line_of(&mut self, at: usize) -> u64 {
        let at = at.min(self.text.len());
        if at > self.counted {
            self.line += memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.counted..at]).count() as u64;
            self.counted = at;
        }
        self.line
    }

    /// Where the next `byte` is from `from` on, reading more text as needed; `None` past the end.
    fn find(&mut self, byte: u8, from: usize, walked: usize) -> Result<Option<usize>, String> {
        let mut start = from;
        loop {
            if let Some(at) = memchr::memchr(byte, &self.text.as_bytes()[start.min(self.text.len())..]) {
                return Ok(Some(start + at));
            }
            if self.ended {
                return Ok(None);
            }
            if self.text.len() - walked > MAX_PENDING {
                let line = self.line_of(walked);
                return Err(format!(
                    "line {line}: more than {} MiB of text without a tag; is this an OFX file?",
                    MAX_PENDING >> 20
                ));
            }
            start = self.text.len().max(from);
            self.ended = !self.input.next_chunk(&mut self.text)?;
        }
    }

    /// Drops the text before `at`, walked already; returns how far positions moved.
    fn compact(&mut self, at: usize) -> usize {
        if at < COMPACT_AT {
            return 0;
        }
        self.line_of(at);
        self.text.drain(..at);
        self.counted -= at;
        at
    }

    fn rest_from(&mut self, at: usize) -> Result<&str, String> {
        while !self.ended {
            self.ended = !self.input.next_chunk(&mut self.text)?;
            if self.text.len() - at > MAX_PENDING {
                break;
            }
        }
        Ok(&self.text[at.min(self.text.len())..])
    }
}

/// Walks OFX 1.x SGML as it streams in (see the module); `closed` holds the names (in capitals) of every
/// end tag in the file, which tell an aggregate from an empty leaf (`<MEMO>` with nothing after it).
pub(super) fn walk_sgml_stream(
    input: impl TextChunks,
    first_line: u64,
    closed: &HashSet<String>,
    sink: &mut impl Sink,
) -> Result<(), String> {
    let mut buf = Buffer {
        input,
        text: String::new(),
        ended: false,
        counted: 0,
        line: first_line,
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut last_leaf = String::new();
    let mut has_last_leaf = false;
    let mut i = 0;
    loop {
        i -= buf.compact(i);
        let Some(lt) = buf.find(b'<', i, i)? else { break };
        let between = &buf.text[i..lt];
        let stray = between.trim();
        if !stray.is_empty() {
            let stray = shorten(stray);
            let at = i + between.len() - between.trim_start().len();
            return Err(format!(
                "line {}: text '{stray}' stands outside any tag",
                buf.line_of(at)
            ));
        }
        let line = buf.line_of(lt);
        let Some(gt) = buf.find(b'>', lt, lt)? else {
            return Err(format!("the file is cut short inside a tag on line {line}"));
        };
        i = gt + 1;
        let tag = &buf.text[lt + 1..gt];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            match stack.iter().rposition(|o| o.name.eq_ignore_ascii_case(name)) {
                Some(at) => {
                    while stack.len() > at {
                        if let Some(open) = stack.pop() {
                            sink.close(&open.name, line)?;
                        }
                    }
                }
                None if has_last_leaf && last_leaf.eq_ignore_ascii_case(name) => {}
                None => return Err(format!("line {line}: </{name}> closes no open <{name}>")),
            }
            has_last_leaf = false;
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
        let name = name.to_string();
        if let Some(parent) = stack.last_mut() {
            parent.children = true;
        }
        let end = buf.find(b'<', i, lt)?.unwrap_or(buf.text.len());
        // What follows the text: the next tag, whole, to see whether it is this element's end tag.
        if end < buf.text.len() {
            buf.find(b'>', end, lt)?;
        }
        let value = buf.text[i..end].trim();
        // An element with no text is an aggregate when it is closed somewhere in the file; otherwise it is
        // an empty leaf (`<MEMO>` with nothing after it).
        let aggregate = value.is_empty()
            && !closes_itself(&buf.text[end..], &name)
            && (closed.contains(&name.to_ascii_uppercase())
                || AGGREGATES.iter().any(|a| a.eq_ignore_ascii_case(&name)));
        if value.is_empty() && !aggregate {
            sink.leaf(&name, "", line)?;
            i = end;
        } else if value.is_empty() {
            sink.open(&name, line, None)?;
            stack.push(Open {
                name,
                line,
                children: false,
            });
            has_last_leaf = false;
            continue;
        } else {
            sink.leaf(&name, &unescape(value), line)?;
            i = end;
        }
        last_leaf.clear();
        last_leaf.push_str(&name);
        has_last_leaf = true;
    }
    let rest = buf.rest_from(i)?.trim();
    if !rest.is_empty() {
        let rest = shorten(rest);
        let end = buf.text.len();
        return Err(format!(
            "line {}: text '{rest}' stands outside any tag",
            buf.line_of(end)
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

/// Whether the text (from a tag's end) starts with that tag's own end tag, blanks aside.
fn closes_itself(rest: &str, name: &str) -> bool {
    rest.strip_prefix("</")
        .and_then(|r| r.split_once('>'))
        .is_some_and(|(n, _)| n.trim().eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::super::xml::tests::Events;
    use super::*;

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

    /// Text handed over a few bytes at a time, to walk across every place a chunk can end.
    struct Drip<'t>(&'t str, usize);

    impl TextChunks for Drip<'_> {
        fn next_chunk(&mut self, out: &mut String) -> Result<bool, String> {
            if self.0.is_empty() {
                return Ok(false);
            }
            let mut cut = self.1.min(self.0.len());
            while !self.0.is_char_boundary(cut) {
                cut += 1;
            }
            out.push_str(&self.0[..cut]);
            self.0 = &self.0[cut..];
            Ok(true)
        }
    }

    #[test]
    fn a_text_in_small_chunks_walks_as_the_whole_text() {
        let body = "<OFX>\r\n<A>\r\n<B>one &amp; twö\r\n<C>3</C>\r\n<D>\r\n<E></E><F>x\r\n</A>\r\n</OFX>\r\n";
        let texts = [
            body.to_string(),
            body.replace("</OFX>", ""),
            format!("{body} stray"),
            body.replace("<C>", "<C"),
            format!("{}{body}", "<X>y\n".repeat(70_000)),
        ];
        for text in &texts {
            let mut whole = Events::default();
            let expected = walk_sgml(text, 3, &mut whole);
            for size in [1, 2, 3, 7, 64, 100_000] {
                let mut dripped = Events::default();
                let got = walk_sgml_stream(Drip(text, size), 3, &closed_names(text), &mut dripped);
                assert_eq!(got, expected, "chunks of {size}");
                assert_eq!(dripped.0, whole.0, "chunks of {size}");
            }
        }
    }
}
