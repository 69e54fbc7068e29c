//! Where a CSV's bytes come from, read as a stream as many times as needed: the encoding is worked out in
//! one pass over the file, then each later pass reads records one at a time with their editor line numbers.
//! No record is held longer than [`MAX_RECORD_BYTES`] or with more than [`MAX_FIELDS`] fields: a file with
//! one is refused, naming its line, without reading that record into memory.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The longest record pfos reads, in bytes: a bank row is a few hundred.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;
/// The most fields a record may have: a bank row has a few dozen at most.
pub const MAX_FIELDS: usize = 256;

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
    /// A rare shape (a second byte-order mark after the first…): `skip` bytes of BOM, then the rest decoded
    /// as encoding_rs decodes Windows-1252 with BOM sniffing (so a second mark may switch to UTF-16), as a
    /// stream of UTF-8.
    Sniffed { skip: u64 },
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
            // encoding_rs reads a second byte-order mark as a change of encoding: such a file is decoded
            // through it, as a stream, instead of a byte at a time.
            let rest = &head[skip..];
            let marked = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
                .iter()
                .any(|bom| rest.starts_with(bom) || (rest.len() < bom.len() && bom.starts_with(rest)));
            if marked {
                Decoding::Sniffed { skip: skip as u64 }
            } else {
                Decoding::Latin1 { skip: skip as u64 }
            }
        };
        let encoding = match decoding {
            Decoding::Utf8 { .. } if had_bom => "UTF-8 with BOM",
            Decoding::Utf8 { .. } => "UTF-8",
            Decoding::Latin1 { .. } | Decoding::Sniffed { .. } => "Latin-1",
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
        let (Decoding::Utf8 { skip } | Decoding::Latin1 { skip } | Decoding::Sniffed { skip }) = self.decoding;
        let mut reader = self.source.open_raw()?;
        std::io::copy(&mut (&mut reader).take(skip), &mut std::io::sink()).map_err(|e| self.source.describe(&e))?;
        if let Decoding::Sniffed { .. } = self.decoding {
            return Ok(Box::new(Transcoded::new(reader)));
        }
        Ok(reader)
    }

    pub fn describe(&self, e: &std::io::Error) -> String {
        self.source.describe(e)
    }

    /// Whether cells come out as they are in the file: UTF-8, checked (cells are cut at ASCII bytes, so a
    /// record's cells are whole characters).
    fn is_utf8(&self) -> bool {
        !matches!(self.decoding, Decoding::Latin1 { .. })
    }

    /// A cell's bytes as text.
    fn push_text(&self, bytes: &[u8], out: &mut String) {
        match self.decoding {
            Decoding::Latin1 { .. } => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                out.push_str(&text);
            }
            // Checked as UTF-8 over the whole file (or decoded to it), and cells are cut at ASCII bytes.
            Decoding::Utf8 { .. } | Decoding::Sniffed { .. } => out.push_str(&String::from_utf8_lossy(bytes)),
        }
    }

    /// The first `want` lines that are not blank, as text (`str::lines` of the decoded file), each cut at
    /// twice [`MAX_RECORD_BYTES`]: enough to sniff the delimiter from, and a longer line is refused by
    /// [`Decoded::records`] with its length.
    pub fn sample_lines(&self, want: usize) -> Result<Vec<String>, String> {
        let mut reader = BufReader::with_capacity(CHUNK, self.open()?);
        let mut lines = Vec::new();
        let mut raw = Vec::new();
        while lines.len() < want {
            raw.clear();
            let Some(ended) =
                read_line_cut(&mut reader, &mut raw, 2 * MAX_RECORD_BYTES).map_err(|e| self.describe(&e))?
            else {
                break;
            };
            if ended && raw.last() == Some(&b'\r') {
                raw.pop();
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
        Ok(Records {
            decoded: self,
            input: BufReader::with_capacity(CHUNK, self.open()?),
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            fields: vec![0; 1024],
            ends: vec![0; MAX_FIELDS],
            newlines: 0,
            done: false,
        })
    }
}

/// Reads one line (to a `\n`, which is not kept) into `line`, keeping no more than `keep` bytes of it:
/// whether it ended with a `\n`, `None` at the end of the input.
fn read_line_cut(reader: &mut impl BufRead, line: &mut Vec<u8>, keep: usize) -> std::io::Result<Option<bool>> {
    let mut any = false;
    loop {
        let buf = match reader.fill_buf() {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => other?,
        };
        if buf.is_empty() {
            return Ok(any.then_some(false));
        }
        any = true;
        let (len, ends) = match buf.iter().position(|b| *b == b'\n') {
            Some(at) => (at, true),
            None => (buf.len(), false),
        };
        let room = keep.saturating_sub(line.len());
        line.extend_from_slice(&buf[..len.min(room)]);
        reader.consume(len + usize::from(ends));
        if ends {
            return Ok(Some(true));
        }
    }
}

/// Bytes decoded by encoding_rs (Windows-1252 with BOM sniffing), handed on as UTF-8 a chunk at a time.
struct Transcoded<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    chunk: Vec<u8>,
    out: Vec<u8>,
    at: usize,
    done: bool,
}

impl<R: Read> Transcoded<R> {
    fn new(inner: R) -> Transcoded<R> {
        Transcoded {
            inner,
            decoder: encoding_rs::WINDOWS_1252.new_decoder(),
            chunk: vec![0; CHUNK],
            out: Vec::new(),
            at: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for Transcoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.out.len() && !self.done {
            let n = read_some(&mut self.inner, &mut self.chunk)?;
            let last = n == 0;
            let room = self
                .decoder
                .max_utf8_buffer_length(n)
                .ok_or_else(|| std::io::Error::other("the text is too long to decode"))?;
            self.out.resize(room, 0);
            // With room for the longest output, the decoder takes every byte it is given.
            let (_, _, written, _) = self.decoder.decode_to_utf8(&self.chunk[..n], &mut self.out, last);
            self.out.truncate(written);
            self.at = 0;
            self.done = last;
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

mod records;
pub use records::{Record, Records};

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

    /// The refusal of the first record over the limits, or `None` when every record reads.
    fn refusal(text: &[u8]) -> Option<String> {
        let decoded = CsvSource::Bytes(text).decode().unwrap_or_else(|e| panic!("{e}"));
        let mut records = decoded.records(b',').unwrap_or_else(|e| panic!("{e}"));
        let mut record = Record::default();
        loop {
            match records.next_into(&mut record) {
                Ok(Some(_)) => {}
                Ok(None) => return None,
                Err(e) => return Some(e),
            }
        }
    }

    #[test]
    fn records_up_to_the_limits_read_and_longer_ones_are_refused_with_their_line() {
        let long = |len: usize| format!("a,b\r\n\r\nx,{}\r\nlast,1\r\n", "y".repeat(len - 2)).into_bytes();
        assert_eq!(refusal(&long(MAX_RECORD_BYTES)), None);
        let got = lines_of(&long(MAX_RECORD_BYTES));
        assert_eq!((got[1].0, got[2].0), (3, 4));
        assert_eq!(got[1].1[1].len(), MAX_RECORD_BYTES - 2);
        assert_eq!(
            refusal(&long(MAX_RECORD_BYTES + 1)).as_deref(),
            Some("line 3 is 65,537 bytes long; a bank row is a few hundred bytes: is this the right file?")
        );
        // Without a line end at the end of the file, and quoted: the bytes are the file's, quotes and all.
        let quoted = format!("a,b\n\"{}\"", "q".repeat(MAX_RECORD_BYTES - 1));
        assert!(refusal(quoted.as_bytes()).is_some_and(|e| e.starts_with("line 2 is 65,537 bytes long")));

        let fields = |n: usize| format!("a,b\n{}\nlast,1\n", vec!["1"; n].join(",")).into_bytes();
        assert_eq!(refusal(&fields(MAX_FIELDS)), None);
        assert_eq!(lines_of(&fields(MAX_FIELDS))[1].1.len(), MAX_FIELDS);
        assert_eq!(
            refusal(&fields(MAX_FIELDS + 1)).as_deref(),
            Some("line 2 has 257 fields; a bank row has a few dozen at most (256 are read): is this the right file?")
        );
        let commas = format!("a,b\n\n{}", ",".repeat(100_000));
        assert_eq!(
            refusal(commas.as_bytes()).as_deref(),
            Some("line 3 is 100,000 bytes long and has 100,001 fields; a bank row is a few hundred bytes: is this the right file?")
        );
    }

    #[test]
    fn a_quote_never_closed_is_refused_once_its_row_runs_past_the_limit() {
        let mut text = String::from("Date,Description,Amount\n2025-01-01,\"never closed,-1.00\n");
        for i in 0..5000 {
            text.push_str(&format!("2025-01-02,row {i},-1.00\n"));
        }
        let err = refusal(text.as_bytes()).unwrap_or_default();
        assert!(
            err.starts_with("the row that starts on line 2 runs on for ")
                && err.contains(" bytes to line 5,002;")
                && err.ends_with("is a quote on line 2 never closed, or is this the wrong file?"),
            "{err}"
        );
        // A short one is a row like any other (the reader says what is wrong with it).
        assert_eq!(refusal(b"a,b\n\"x\ny\nz\n"), None);
    }

    #[test]
    fn the_sample_lines_are_cut_not_kept_whole() {
        let mut text = b"a;b\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', 5 * MAX_RECORD_BYTES));
        text.extend_from_slice(b"\r\nc;d\r\n");
        let decoded = CsvSource::Bytes(&text).decode().unwrap_or_else(|e| panic!("{e}"));
        let lines = decoded.sample_lines(60).unwrap_or_else(|e| panic!("{e}"));
        let lengths: Vec<usize> = lines.iter().map(String::len).collect();
        assert_eq!(lengths, vec![3, 2 * MAX_RECORD_BYTES, 3]);
        assert_eq!(lines[2], "c;d");
    }

    #[test]
    fn a_second_byte_order_mark_is_decoded_by_encoding_rs_as_a_stream() {
        let mut text = b"\xEF\xBB\xBF\xEF\xBB\xBFa,b\n".to_vec();
        for _ in 0..10_000 {
            text.extend_from_slice(b"caf\xe9,\xc3\xa9\n");
        }
        let decoded = CsvSource::Bytes(&text).decode().unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(decoded.decoding, Decoding::Sniffed { skip: 3 }));
        let got = lines_of(&text);
        assert_eq!(got.len(), 10_001);
        assert_eq!(got[0], (1, vec!["a".to_string(), "b".to_string()]));
        assert!(got[1..]
            .iter()
            .enumerate()
            .all(|(i, (line, cells))| *line == i as u64 + 2 && cells == &["caf\u{fffd}", "é"]));
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
