//! A bank file read as a stream of text, never whole: one pass over its bytes ([`scan`]) finds what must be
//! known before reading it (binary data, whether it is ASCII or UTF-8, the names of its end tags), then
//! each later pass decodes it a chunk at a time ([`TextReader`]), as `decode_text` would have decoded it
//! whole. A file on disk is read again for each pass, and refused if it changed meanwhile.

use crate::io::csv_import::CsvSource;
use std::collections::HashSet;
use std::io::Read;

/// Bytes read at a time.
const CHUNK: usize = 64 * 1024;
/// The longest end-tag name kept by [`scan`] (an OFX tag is a few letters): a longer one closes nothing.
const NAME_KEPT: usize = 256;

/// The file's length and modification time when it was first read, to notice a file changed meanwhile.
type Stamp = (u64, Option<std::time::SystemTime>);

/// Where a bank file's bytes come from, read as many times as needed.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    source: CsvSource<'a>,
    stamp: Option<Stamp>,
}

fn file_error(path: &std::path::Path, e: &std::io::Error) -> String {
    format!("'{}' cannot be read ({e})", path.display())
}

fn stamp_of(path: &std::path::Path) -> Result<Stamp, String> {
    let meta = std::fs::metadata(path).map_err(|e| file_error(path, &e))?;
    Ok((meta.len(), meta.modified().ok()))
}

impl<'a> Source<'a> {
    pub fn new(source: CsvSource<'a>) -> Result<Source<'a>, String> {
        let stamp = match source {
            CsvSource::File(path) => Some(stamp_of(path)?),
            CsvSource::Bytes(_) => None,
        };
        Ok(Source { source, stamp })
    }

    /// The bytes from the start, once more.
    pub fn open(&self) -> Result<Box<dyn Read + 'a>, String> {
        match self.source {
            CsvSource::Bytes(bytes) => Ok(Box::new(bytes)),
            CsvSource::File(path) => {
                if self.stamp.is_some() && Some(stamp_of(path)?) != self.stamp {
                    return Err(format!(
                        "'{}' changed while it was being read; import it again",
                        path.display()
                    ));
                }
                Ok(Box::new(std::fs::File::open(path).map_err(|e| file_error(path, &e))?))
            }
        }
    }

    pub fn describe(&self, e: &std::io::Error) -> String {
        match self.source {
            CsvSource::Bytes(_) => format!("it cannot be read ({e})"),
            CsvSource::File(path) => file_error(path, e),
        }
    }

    /// Up to `limit` bytes from the start.
    pub fn head(&self, limit: usize) -> Result<Vec<u8>, String> {
        let mut head = Vec::new();
        self.open()?
            .take(limit as u64)
            .read_to_end(&mut head)
            .map_err(|e| self.describe(&e))?;
        Ok(head)
    }
}

/// Reads until `buf` is full or the input ends.
fn read_some(reader: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match reader.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// Where the text to check as UTF-8 starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFrom {
    /// At this offset (after a byte-order mark).
    Offset(u64),
    /// At the first `<` (after an OFX 1.x header).
    FirstTag,
}

/// What one pass over a file's bytes tells.
#[derive(Debug, Default)]
pub struct Scan {
    /// The bytes to read: the whole file but a DOS end-of-file mark (Ctrl-Z) at its very end.
    pub len: u64,
    /// The first `<`, if any.
    pub first_tag: Option<u64>,
    /// From where the text starts ([`TextFrom`]) to `len`: all ASCII, and valid UTF-8.
    pub ascii: bool,
    pub utf8: bool,
    /// The bytes after each `</`, up to the next `>` (or the next `</`, or the end): end-tag names.
    pub closing: HashSet<Vec<u8>>,
}

/// Reads the file through once: refuses bytes no text file holds (NUL, most control characters), naming
/// the first, as `refuse_binary` does (`what` names the format), and gathers a [`Scan`].
pub fn scan(source: &Source<'_>, from: TextFrom, what: &str) -> Result<Scan, String> {
    let mut reader = source.open()?;
    let mut buf = vec![0u8; CHUNK];
    let mut out = Scan {
        ascii: true,
        utf8: true,
        ..Scan::default()
    };
    let mut offset = 0u64;
    // A Ctrl-Z is allowed as the very last byte: one seen is bad only once another byte follows it.
    let mut sub_at: Option<u64> = None;
    // UTF-8 cut by the end of a chunk, carried to the next.
    let mut carry: Vec<u8> = Vec::new();
    let mut checking = matches!(from, TextFrom::Offset(0));
    let start = match from {
        TextFrom::Offset(n) => Some(n),
        TextFrom::FirstTag => None,
    };
    // The end-tag name being read, and whether the byte before was a `<`.
    let mut name: Option<Vec<u8>> = None;
    let mut after_lt = false;
    let binary = |byte: u8, at: u64| format!("it holds binary data (byte {byte:#04x} at offset {at}), not {what} text");
    loop {
        let n = read_some(&mut *reader, &mut buf).map_err(|e| source.describe(&e))?;
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        if let Some(sub) = sub_at.take() {
            return Err(binary(0x1a, sub));
        }
        // Bytes no text holds, looked for many at a time; a Ctrl-Z at the very end of the file is allowed.
        if let Some(i) = chunk
            .iter()
            .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        {
            if chunk[i] != 0x1a || i + 1 < n {
                return Err(binary(chunk[i], offset + i as u64));
            }
            sub_at = Some(offset + i as u64);
        }
        let text = &chunk[..if sub_at.is_some() { n - 1 } else { n }];
        // End-tag names: what follows each `</`, up to the next `>` or `</`.
        let mut from = 0;
        if after_lt && text.first() == Some(&b'/') {
            if let Some(mut done) = name.take() {
                done.pop();
                out.closing.insert(done);
            }
            name = Some(Vec::new());
            from = 1;
        }
        let keep = |piece: &mut Vec<u8>, bytes: &[u8]| {
            let room = (NAME_KEPT + 1).saturating_sub(piece.len());
            piece.extend_from_slice(&bytes[..bytes.len().min(room)]);
        };
        for at in memchr::memchr2_iter(b'<', b'>', text) {
            if at < from {
                continue;
            }
            if text[at] == b'<' && out.first_tag.is_none() {
                out.first_tag = Some(offset + at as u64);
            }
            let opens = text[at] == b'<' && text.get(at + 1) == Some(&b'/');
            if text[at] == b'>' || opens {
                if let Some(mut done) = name.take() {
                    keep(&mut done, &text[from..at]);
                    out.closing.insert(done);
                }
            }
            if opens {
                name = Some(Vec::new());
                from = at + 2;
            }
        }
        if let Some(piece) = name.as_mut() {
            keep(piece, &text[from.min(text.len())..]);
        }
        after_lt = text.last() == Some(&b'<');
        // The text to check: from its start on.
        let text_from = if checking {
            0
        } else {
            let begin = start.or(out.first_tag);
            match begin {
                Some(begin) if begin < offset + n as u64 => {
                    checking = true;
                    usize::try_from(begin.saturating_sub(offset)).unwrap_or(n)
                }
                _ => n,
            }
        };
        if checking {
            // A trailing Ctrl-Z is not text; it is only known to be trailing at the end.
            let end = if sub_at.is_some() { n - 1 } else { n };
            let text = &chunk[text_from.min(end)..end];
            out.ascii = out.ascii && text.is_ascii();
            if out.utf8 {
                // A character cut by the end of the chunk is carried to the next, which is checked after it.
                let checked = if carry.is_empty() {
                    std::str::from_utf8(text).map(|_| ())
                } else {
                    carry.extend_from_slice(text);
                    std::str::from_utf8(&carry).map(|_| ())
                };
                match checked {
                    Ok(()) => carry.clear(),
                    Err(e) if e.error_len().is_none() => {
                        let whole = if carry.is_empty() { text } else { &carry[..] };
                        carry = whole[e.valid_up_to()..].to_vec();
                    }
                    Err(_) => out.utf8 = false,
                }
            }
        }
        offset += n as u64;
    }
    if !carry.is_empty() {
        out.utf8 = false;
    }
    if let Some(piece) = name.take() {
        out.closing.insert(piece);
    }
    out.closing.retain(|n| n.len() <= NAME_KEPT);
    out.len = sub_at.map_or(offset, |sub| sub);
    Ok(out)
}

/// The names of the end tags a [`Scan`] found, decoded, trimmed and in capitals.
pub fn closing_names(scan: &Scan, windows_1252: bool) -> HashSet<String> {
    scan.closing
        .iter()
        .map(|raw| {
            let text = if windows_1252 {
                encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw).0
            } else {
                String::from_utf8_lossy(raw)
            };
            text.trim().to_ascii_uppercase()
        })
        .collect()
}

/// Text handed over a chunk at a time.
pub trait TextChunks {
    /// Appends the next chunk of text to `out`; `Ok(false)` at the end.
    fn next_chunk(&mut self, out: &mut String) -> Result<bool, String>;
}

/// A text already in memory, as one chunk.
#[cfg(test)]
pub struct Whole<'t>(pub Option<&'t str>);

#[cfg(test)]
impl TextChunks for Whole<'_> {
    fn next_chunk(&mut self, out: &mut String) -> Result<bool, String> {
        match self.0.take() {
            Some(text) => {
                out.push_str(text);
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

/// A file's bytes from `from` to `to` decoded a chunk at a time: UTF-8 (a byte-order mark at `from`
/// dropped), or Windows-1252 as `encoding_rs` decodes it (sniffing a byte-order mark), as `decode_text`.
pub struct TextReader<'a> {
    input: std::io::Take<Box<dyn Read + 'a>>,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    describe: Box<dyn Fn(&std::io::Error) -> String + 'a>,
    done: bool,
    /// Decoded and not yet handed over (for [`std::io::BufRead`]).
    pending: String,
    at: usize,
}

impl<'a> TextReader<'a> {
    pub fn new(source: &Source<'a>, from: u64, to: u64, windows_1252: bool) -> Result<TextReader<'a>, String> {
        let mut input = source.open()?;
        std::io::copy(&mut (&mut input).take(from), &mut std::io::sink()).map_err(|e| source.describe(&e))?;
        let mut input = input.take(to.saturating_sub(from));
        // A UTF-8 byte-order mark is dropped whichever the encoding (Windows-1252 then sniffs another).
        let mut bom = [0u8; 3];
        let mut got = 0;
        while got < 3 {
            let n = read_some(&mut input, &mut bom[got..]).map_err(|e| source.describe(&e))?;
            if n == 0 {
                break;
            }
            got += n;
        }
        let decoder = if windows_1252 {
            encoding_rs::WINDOWS_1252.new_decoder()
        } else {
            encoding_rs::UTF_8.new_decoder_without_bom_handling()
        };
        let kept = if bom[..got] == *b"\xEF\xBB\xBF" { 0 } else { got };
        let mut reader = TextReader::with(source, input, decoder);
        reader.raw.extend_from_slice(&bom[..kept]);
        Ok(reader)
    }

    fn with(
        source: &Source<'a>,
        input: std::io::Take<Box<dyn Read + 'a>>,
        decoder: encoding_rs::Decoder,
    ) -> TextReader<'a> {
        let source = *source;
        TextReader {
            input,
            decoder,
            raw: Vec::with_capacity(CHUNK),
            describe: Box::new(move |e| source.describe(e)),
            done: false,
            pending: String::new(),
            at: 0,
        }
    }
}

impl TextChunks for TextReader<'_> {
    fn next_chunk(&mut self, out: &mut String) -> Result<bool, String> {
        if self.done {
            return Ok(false);
        }
        let kept = self.raw.len();
        self.raw.resize(CHUNK.max(kept + 1), 0);
        let n = read_some(&mut self.input, &mut self.raw[kept..]).map_err(|e| (self.describe)(&e))?;
        self.raw.truncate(kept + n);
        let last = n == 0;
        out.reserve(
            self.decoder
                .max_utf8_buffer_length(self.raw.len())
                .unwrap_or(self.raw.len() * 3),
        );
        let (_, read, _) = self.decoder.decode_to_string(&self.raw, out, last);
        self.raw.drain(..read);
        self.done = last;
        Ok(true)
    }
}

impl Read for TextReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let available = std::io::BufRead::fill_buf(self)?;
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            n
        };
        std::io::BufRead::consume(self, n);
        Ok(n)
    }
}

impl std::io::BufRead for TextReader<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        while self.at == self.pending.len() {
            self.pending.clear();
            self.at = 0;
            let mut chunk = std::mem::take(&mut self.pending);
            let more = self.next_chunk(&mut chunk).map_err(std::io::Error::other)?;
            self.pending = chunk;
            if !more {
                break;
            }
        }
        Ok(&self.pending.as_bytes()[self.at..])
    }

    fn consume(&mut self, amt: usize) {
        self.at = (self.at + amt).min(self.pending.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(bytes: &[u8], from: u64, windows_1252: bool) -> String {
        let source = Source::new(CsvSource::Bytes(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let mut reader =
            TextReader::new(&source, from, bytes.len() as u64, windows_1252).unwrap_or_else(|e| panic!("{e}"));
        let mut out = String::new();
        while reader.next_chunk(&mut out).unwrap_or_else(|e| panic!("{e}")) {}
        out
    }

    #[test]
    fn a_stream_decodes_as_the_whole_text_would() {
        let long = "é€ ".repeat(40_000);
        for (bytes, prefer_1252) in [
            (format!("\u{feff}<OFX>{long}</OFX>").into_bytes(), false),
            (b"<OFX>caf\xe9 \x80 </OFX>".to_vec(), true),
            (long.clone().into_bytes(), true),
        ] {
            let (whole, encoding) = super::super::decode_text(&bytes, prefer_1252);
            assert_eq!(text_of(&bytes, 0, encoding == "Windows-1252"), whole);
        }
    }

    #[test]
    fn a_scan_finds_binary_bytes_end_tags_and_the_encoding() {
        let scan_of = |bytes: &[u8], from: TextFrom| {
            let source = Source::new(CsvSource::Bytes(bytes)).unwrap_or_else(|e| panic!("{e}"));
            scan(&source, from, "OFX")
        };
        let s = scan_of(b"H:1\r\n<A><B>x</B></A\x1a", TextFrom::FirstTag).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((s.len, s.first_tag, s.ascii, s.utf8), (19, Some(5), true, true));
        assert_eq!(
            closing_names(&s, false),
            ["B", "A"].into_iter().map(String::from).collect()
        );
        let err = scan_of(b"<A>\x1a</A>", TextFrom::FirstTag).err().unwrap_or_default();
        assert!(err.contains("byte 0x1a at offset 3"), "{err}");
        let err = scan_of(b"<A>\x00", TextFrom::FirstTag).err().unwrap_or_default();
        assert!(err.contains("byte 0x00 at offset 3"), "{err}");
        let s = scan_of("caf\u{e9}<A>".as_bytes(), TextFrom::FirstTag).unwrap_or_else(|e| panic!("{e}"));
        assert!(s.ascii && s.utf8, "the header is not the body");
        let s = scan_of(b"<A>caf\xe9</A>", TextFrom::Offset(0)).unwrap_or_else(|e| panic!("{e}"));
        assert!(!s.ascii && !s.utf8);
        let s = scan_of(b"<A></A</B>x</C", TextFrom::Offset(0)).unwrap_or_else(|e| panic!("{e}"));
        let names = closing_names(&s, false);
        assert_eq!(
            names,
            ["A", "B", "C"].into_iter().map(String::from).collect(),
            "as text.split(\"</\") cuts"
        );
        let mut across = vec![b'x'; CHUNK - 1];
        across.extend_from_slice(b"</LONGER>");
        across[0] = b'<';
        let s = scan_of(&across, TextFrom::Offset(0)).unwrap_or_else(|e| panic!("{e}"));
        assert!(closing_names(&s, false).contains("LONGER"), "a `</` across two chunks");
        let split = "<A>".to_string() + &"é".repeat(CHUNK);
        let s = scan_of(split.as_bytes(), TextFrom::Offset(0)).unwrap_or_else(|e| panic!("{e}"));
        assert!(!s.ascii && s.utf8, "a character across two chunks");
    }
}
