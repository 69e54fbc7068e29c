//! Where a CSV's bytes come from, read as a stream as many times as needed: the encoding is worked out in
//! one pass over the file, then each later pass reads records one at a time with their editor line numbers.

use super::text;
use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

/// The bytes of a file: already in memory, or a file on disk that is read again for each pass.
#[derive(Debug, Clone, Copy)]
pub enum CsvSource<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
}

/// How the bytes become text.
#[derive(Debug, Clone)]
enum Decoding {
    /// UTF-8 throughout (checked over the whole file); `skip` bytes of BOM first.
    Utf8 { skip: u64 },
    /// Windows-1252, one byte per character; `skip` bytes of BOM first.
    Latin1 { skip: u64 },
    /// A rare shape (a second byte-order mark after the first…) decoded whole, as it always was.
    Whole(String),
}

/// A source with its encoding worked out.
#[derive(Debug)]
pub struct Decoded<'a> {
    source: CsvSource<'a>,
    decoding: Decoding,
    pub encoding: &'static str,
    /// The file's length and modification time when it was first read, to notice a file changed meanwhile.
    stamp: Option<(u64, Option<std::time::SystemTime>)>,
}

const CHUNK: usize = 64 * 1024;

fn file_error(path: &Path, e: &std::io::Error) -> String {
    format!("'{}' cannot be read ({e})", path.display())
}

fn stamp_of(path: &Path) -> Result<(u64, Option<std::time::SystemTime>), String> {
    let meta = std::fs::metadata(path).map_err(|e| file_error(path, &e))?;
    Ok((meta.len(), meta.modified().ok()))
}

impl<'a> CsvSource<'a> {
    fn open_raw(&self) -> Result<Box<dyn Read + 'a>, String> {
        match *self {
            CsvSource::Bytes(bytes) => Ok(Box::new(bytes)),
            CsvSource::File(path) => {
                let file = std::fs::File::open(path).map_err(|e| file_error(path, &e))?;
                Ok(Box::new(file))
            }
        }
    }

    fn describe(&self, e: &std::io::Error) -> String {
        match self {
            CsvSource::Bytes(_) => format!("it cannot be read ({e})"),
            CsvSource::File(path) => file_error(path, e),
        }
    }

    /// Works out the encoding in one pass: UTF-8 with or without a BOM, else Latin-1 (Windows-1252).
    pub fn decode(self) -> Result<Decoded<'a>, String> {
        let stamp = match self {
            CsvSource::File(path) => Some(stamp_of(path)?),
            CsvSource::Bytes(_) => None,
        };
        let mut reader = self.open_raw()?;
        let mut head = Vec::with_capacity(8192);
        (&mut reader)
            .take(8192)
            .read_to_end(&mut head)
            .map_err(|e| self.describe(&e))?;
        if head.is_empty() {
            return Err("the file is empty".into());
        }
        if head.contains(&0) {
            return Err("it looks like a binary file, not CSV text".into());
        }
        let had_bom = head.starts_with(b"\xEF\xBB\xBF");
        let skip = if had_bom { 3 } else { 0 };
        let mut pending: Vec<u8> = head[skip..].to_vec();
        let valid;
        let mut chunk = vec![0u8; CHUNK];
        loop {
            match std::str::from_utf8(&pending) {
                Ok(_) => pending.clear(),
                Err(e) if e.error_len().is_some() => {
                    valid = false;
                    break;
                }
                Err(e) => {
                    pending.drain(..e.valid_up_to());
                }
            }
            let n = read_some(&mut reader, &mut chunk).map_err(|e| self.describe(&e))?;
            if n == 0 {
                valid = pending.is_empty();
                break;
            }
            pending.extend_from_slice(&chunk[..n]);
        }
        let decoding = if valid {
            Decoding::Utf8 { skip: skip as u64 }
        } else {
            // encoding_rs would read a second byte-order mark as a change of encoding: such a file is read
            // whole, exactly as before, instead of a byte at a time.
            let rest = &head[skip..];
            let marked = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
                .iter()
                .any(|bom| rest.starts_with(bom) || (rest.len() < bom.len() && bom.starts_with(rest)));
            if marked {
                let mut bytes = Vec::new();
                self.open_raw()?
                    .read_to_end(&mut bytes)
                    .map_err(|e| self.describe(&e))?;
                Decoding::Whole(text::decode(&bytes)?.0)
            } else {
                Decoding::Latin1 { skip: skip as u64 }
            }
        };
        let encoding = match decoding {
            Decoding::Utf8 { .. } if had_bom => "UTF-8 with BOM",
            Decoding::Utf8 { .. } => "UTF-8",
            Decoding::Latin1 { .. } | Decoding::Whole(_) => "Latin-1",
        };
        Ok(Decoded {
            source: self,
            decoding,
            encoding,
            stamp,
        })
    }
}

fn read_some(reader: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match reader.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

impl<'a> Decoded<'a> {
    /// The text's bytes (after any BOM), from the start, as they are in the file.
    fn open(&self) -> Result<Box<dyn Read + '_>, String> {
        if let (CsvSource::File(path), Some(stamp)) = (self.source, self.stamp) {
            if stamp_of(path)? != stamp {
                return Err(format!(
                    "'{}' changed while it was being read; import it again",
                    path.display()
                ));
            }
        }
        let skip = match &self.decoding {
            Decoding::Whole(text) => return Ok(Box::new(text.as_bytes())),
            Decoding::Utf8 { skip } | Decoding::Latin1 { skip } => *skip,
        };
        let mut reader = self.source.open_raw()?;
        std::io::copy(&mut (&mut reader).take(skip), &mut std::io::sink()).map_err(|e| self.source.describe(&e))?;
        Ok(reader)
    }

    pub fn describe(&self, e: &std::io::Error) -> String {
        self.source.describe(e)
    }

    /// A cell's bytes as text.
    fn push_text(&self, bytes: &[u8], out: &mut String) {
        match self.decoding {
            Decoding::Latin1 { .. } => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                out.push_str(&text);
            }
            // Checked as UTF-8 over the whole file, and cells are cut at ASCII bytes.
            Decoding::Utf8 { .. } | Decoding::Whole(_) => out.push_str(&String::from_utf8_lossy(bytes)),
        }
    }

    /// The first `want` lines that are not blank, as text (`str::lines` of the decoded file).
    pub fn sample_lines(&self, want: usize) -> Result<Vec<String>, String> {
        let mut reader = BufReader::with_capacity(CHUNK, self.open()?);
        let mut lines = Vec::new();
        let mut raw = Vec::new();
        while lines.len() < want {
            raw.clear();
            let n = reader.read_until(b'\n', &mut raw).map_err(|e| self.describe(&e))?;
            if n == 0 {
                break;
            }
            if raw.last() == Some(&b'\n') {
                raw.pop();
                if raw.last() == Some(&b'\r') {
                    raw.pop();
                }
            }
            let mut line = String::new();
            self.push_text(&raw, &mut line);
            if !line.trim().is_empty() {
                lines.push(line);
            }
        }
        Ok(lines)
    }

    /// Reads the file's records in order, one at a time.
    pub fn records(&self, delimiter: u8) -> Result<Records<'_, 'a>, String> {
        let window = Rc::new(RefCell::new(Window::new()));
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(CHUNK)
            .from_reader(Tracked {
                inner: self.open()?,
                window: Rc::clone(&window),
            });
        Ok(Records {
            decoded: self,
            reader,
            window,
            raw: csv::ByteRecord::new(),
        })
    }
}

/// The bytes read so far that line numbers still need, shared by the reader and the line counter.
struct Window {
    /// Offset in the text of `bytes[0]`.
    base: u64,
    bytes: Vec<u8>,
    /// Lines are counted up to this offset…
    counted_to: u64,
    /// …where this line starts.
    line: u64,
}

impl Window {
    fn new() -> Window {
        Window {
            base: 0,
            bytes: Vec::new(),
            counted_to: 0,
            line: 1,
        }
    }

    /// The line (as an editor shows it, blank lines included) of a record starting at `byte`; records come in
    /// order, so the count carries on from the previous record.
    fn line_of(&mut self, byte: u64) -> u64 {
        let end = self.base + self.bytes.len() as u64;
        let index = |at: u64| (at.saturating_sub(self.base) as usize).min(self.bytes.len());
        let mut at = byte.min(end);
        // A record's position may sit on blank lines before it: step over them first.
        while at < end && matches!(self.bytes[index(at)], b'\n' | b'\r') {
            at += 1;
        }
        let from = self.counted_to;
        let newlines = self.bytes[index(from.min(at))..index(at)]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.line += newlines as u64;
        self.counted_to = at.max(from);
        let done = index(self.counted_to);
        if done >= CHUNK {
            self.bytes.drain(..done);
            self.base += done as u64;
        }
        self.line
    }
}

/// A reader that keeps what it hands on in the window, for counting lines.
struct Tracked<R> {
    inner: R,
    window: Rc<RefCell<Window>>,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.window.borrow_mut().bytes.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// One record's cells, trimmed, in one string.
#[derive(Debug, Default, Clone)]
pub struct Record {
    text: String,
    ends: Vec<(usize, usize)>,
}

impl Record {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        self.ends.get(i).map(|&(from, to)| &self.text[from..to])
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.ends.iter().map(|&(from, to)| &self.text[from..to])
    }

    pub fn is_blank(&self) -> bool {
        self.ends.iter().all(|(from, to)| from == to)
    }

    pub fn to_strings(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

/// The records of one pass.
pub struct Records<'d, 'a> {
    decoded: &'d Decoded<'a>,
    reader: csv::Reader<Tracked<Box<dyn Read + 'd>>>,
    window: Rc<RefCell<Window>>,
    raw: csv::ByteRecord,
}

impl Records<'_, '_> {
    /// The next record that is not blank, with its line; `Ok(None)` at the end.
    pub fn next_into(&mut self, record: &mut Record) -> Result<Option<u64>, String> {
        loop {
            match self.reader.read_byte_record(&mut self.raw) {
                Ok(false) => return Ok(None),
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(0, |p| self.window.borrow_mut().line_of(p.byte()));
                    return Err(match e.kind() {
                        csv::ErrorKind::Io(io) => self.decoded.describe(io),
                        _ => format!("line {line} cannot be read as CSV ({e}); check its quotes"),
                    });
                }
            }
            record.text.clear();
            record.ends.clear();
            for field in &self.raw {
                let start = record.text.len();
                self.decoded.push_text(field, &mut record.text);
                let cell = &record.text[start..];
                let trimmed_start = start + (cell.len() - cell.trim_start().len());
                let trimmed_end = start + cell.trim_end().len();
                record.ends.push((trimmed_start, trimmed_end.max(trimmed_start)));
            }
            if record.is_blank() {
                continue;
            }
            let line = self
                .raw
                .position()
                .map_or(0, |p| self.window.borrow_mut().line_of(p.byte()));
            return Ok(Some(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &[u8]) -> Vec<(u64, Vec<String>)> {
        let decoded = CsvSource::Bytes(text).decode().unwrap_or_else(|e| panic!("{e}"));
        let mut records = decoded.records(b',').unwrap_or_else(|e| panic!("{e}"));
        let mut record = Record::default();
        let mut out = Vec::new();
        while let Some(line) = records.next_into(&mut record).unwrap_or_else(|e| panic!("{e}")) {
            out.push((line, record.to_strings()));
        }
        out
    }

    #[test]
    fn records_carry_editor_line_numbers_across_blank_lines_and_quoted_newlines() {
        let text = b"a,b\r\n\r\n c , d \n\"x\ny\",z\n,\n\nlast,1";
        let got = lines_of(text);
        let lines: Vec<u64> = got.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![1, 3, 4, 8]);
        assert_eq!(got[1].1, vec!["c", "d"]);
        assert_eq!(got[2].1, vec!["x\ny", "z"]);
    }

    #[test]
    fn long_files_keep_counting_past_the_window() {
        let mut text = String::new();
        for i in 0..20_000 {
            text.push_str(&format!("{i},row\n\n"));
        }
        let got = lines_of(text.as_bytes());
        assert_eq!(got.len(), 20_000);
        assert!(got.iter().enumerate().all(|(i, (line, _))| *line == 2 * i as u64 + 1));
    }

    #[test]
    fn encodings_are_told_apart_over_the_whole_file() {
        let mut late_latin1 = vec![b'a'; 100_000];
        late_latin1.extend_from_slice(b"\ncaf\xe9\n");
        let decoded = CsvSource::Bytes(&late_latin1)
            .decode()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(decoded.encoding, "Latin-1");
        let mut split = "x".repeat(CHUNK - 1 + 8192).into_bytes();
        split.extend_from_slice("é€\n".as_bytes());
        let decoded = CsvSource::Bytes(&split).decode().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(decoded.encoding, "UTF-8");
    }
}
