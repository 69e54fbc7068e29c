//! A decoded file's records, one at a time in bounded memory: a record or field over the bounds is scanned
//! to its end without being kept, and refuses the file naming its line.

use super::*;

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

/// The records of one pass, parsed by csv-core into buffers that never grow past the limits.
pub struct Records<'d, 'a> {
    pub(super) decoded: &'d Decoded<'a>,
    pub(super) input: BufReader<Box<dyn Read + 'd>>,
    pub(super) core: csv_core::Reader,
    /// The cells' bytes of the record being read (grown up to [`MAX_RECORD_BYTES`])…
    pub(super) fields: Vec<u8>,
    /// …and where each cell ends ([`MAX_FIELDS`] of them).
    pub(super) ends: Vec<usize>,
    /// Newlines read so far: the line (as an editor shows it) where reading stands, less one.
    pub(super) newlines: u64,
    pub(super) done: bool,
}

/// How far a record runs in the file, counted as it is read.
#[derive(Debug, Clone, Copy, Default)]
struct Extent {
    /// The line it starts on (after the blank lines before it).
    line: u64,
    /// Whether only line ends have been read so far (the blank lines before it).
    before: bool,
    /// Its bytes so far, from its first character…
    bytes: u64,
    /// …up to its last character that is not a line end.
    length: u64,
    /// Newlines inside it (not counting the one that ends it)…
    newlines: u64,
    /// …and newlines after its last character so far.
    pending: u64,
    fields: u64,
}

impl Extent {
    fn take(&mut self, consumed: &[u8]) {
        let mut rest = consumed;
        if self.before {
            let blank = rest
                .iter()
                .position(|b| !matches!(b, b'\n' | b'\r'))
                .unwrap_or(rest.len());
            self.line += newlines(&rest[..blank]);
            self.before = blank == rest.len();
            rest = &rest[blank..];
        }
        match rest.iter().rposition(|b| !matches!(b, b'\n' | b'\r')) {
            Some(last) => {
                self.newlines += self.pending + newlines(&rest[..last]);
                self.pending = newlines(&rest[last..]);
                self.length = self.bytes + last as u64 + 1;
            }
            None => self.pending += newlines(rest),
        }
        self.bytes += rest.len() as u64;
    }

    fn refusal(&self) -> String {
        let (line, bytes, fields) = (self.line, grouped(self.length), grouped(self.fields));
        let long = self.length > MAX_RECORD_BYTES as u64;
        let many = self.fields > MAX_FIELDS as u64;
        if self.newlines > 0 && long {
            let to = grouped(self.line + self.newlines);
            let and = if many {
                format!(" and has {fields} fields")
            } else {
                String::new()
            };
            return format!(
                "the row that starts on line {line} runs on for {bytes} bytes to line {to}{and}; a bank row is a few hundred bytes: is a quote on line {line} never closed, or is this the wrong file?"
            );
        }
        match (long, many) {
            (true, true) => format!(
                "line {line} is {bytes} bytes long and has {fields} fields; a bank row is a few hundred bytes: is this the right file?"
            ),
            (true, false) => {
                format!("line {line} is {bytes} bytes long; a bank row is a few hundred bytes: is this the right file?")
            }
            _ => format!(
                "line {line} has {fields} fields; a bank row has a few dozen at most ({MAX_FIELDS} are read): is this the right file?"
            ),
        }
    }
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

/// 209715200 → "209,715,200".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

impl Records<'_, '_> {
    /// The next record that is not blank, with its line; `Ok(None)` at the end.
    pub fn next_into(&mut self, record: &mut Record) -> Result<Option<u64>, String> {
        loop {
            let Some((line, count)) = self.read_record()? else {
                return Ok(None);
            };
            record.text.clear();
            record.ends.clear();
            let ends = &self.ends[..count];
            let whole = match ends.last() {
                Some(end) if self.decoded.is_utf8() => std::str::from_utf8(&self.fields[..*end]).ok(),
                _ => None,
            };
            let mut from = 0;
            for &to in ends {
                let start = record.text.len();
                // The record's text checked once, when it is the file's own; else cell by cell.
                match whole.and_then(|text| text.get(from..to)) {
                    Some(cell) => record.text.push_str(cell),
                    None => self.decoded.push_text(&self.fields[from..to], &mut record.text),
                }
                from = to;
                let cell = &record.text[start..];
                let trimmed_start = start + (cell.len() - cell.trim_start().len());
                let trimmed_end = start + cell.trim_end().len();
                record.ends.push((trimmed_start, trimmed_end.max(trimmed_start)));
            }
            if record.is_blank() {
                continue;
            }
            return Ok(Some(line));
        }
    }

    /// The next record into `fields` and `ends`, as (its line, its number of fields); a record over the
    /// limits is read to its end without being kept, and refused with its line, length and fields.
    fn read_record(&mut self) -> Result<Option<(u64, usize)>, String> {
        use csv_core::ReadRecordResult;
        if self.done {
            return Ok(None);
        }
        let mut extent = Extent {
            line: self.newlines + 1,
            before: true,
            ..Extent::default()
        };
        let (mut out, mut count, mut over) = (0usize, 0usize, false);
        loop {
            let input = match self.input.fill_buf() {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                other => other.map_err(|e| self.decoded.describe(&e))?,
            };
            // Past the limits the cells are read over the same bytes again and again, only to be counted.
            let (fields, ends) = if over {
                (&mut self.fields[..], &mut self.ends[..])
            } else {
                (&mut self.fields[out..], &mut self.ends[count..])
            };
            let (result, read, written, ended) = self.core.read_record(input, fields, ends);
            let consumed = &input[..read];
            self.newlines += newlines(consumed);
            extent.take(consumed);
            extent.fields += ended as u64;
            self.input.consume(read);
            out += written;
            count += ended;
            over = over || extent.length > MAX_RECORD_BYTES as u64;
            match result {
                ReadRecordResult::InputEmpty => {}
                // One byte more than the limit, so that filling it up means a record over the limit.
                ReadRecordResult::OutputFull if !over && self.fields.len() <= MAX_RECORD_BYTES => {
                    let grown = (self.fields.len() * 2).min(MAX_RECORD_BYTES + 1);
                    self.fields.resize(grown, 0);
                }
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => over = true,
                ReadRecordResult::Record if over => return Err(extent.refusal()),
                ReadRecordResult::Record => return Ok(Some((extent.line, count))),
                ReadRecordResult::End => {
                    self.done = true;
                    return Ok(None);
                }
            }
        }
    }
}
