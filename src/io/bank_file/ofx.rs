//! OFX and QFX: version 1.x (SGML after a header of `KEY:VALUE` lines, leaf tags left unclosed, usually
//! CRLF and Windows-1252) and 2.x (XML after `<?OFX …?>`). Bank statements (`STMTRS`) and card statements
//! (`CCSTMTRS`): each `STMTTRN` is a row, its `FITID` the row's identity; `LEDGERBAL` is the balance the
//! bank states. Read as a stream: [`OfxFile::open`] reads the file through once (binary data, the header,
//! the encoding, the end tags), then each [`OfxFile::walk`] reads it again, handing the rows on one by one.

mod statement;

pub(super) use statement::{Chosen, EachEntry, Ofx};

use super::sgml::walk_sgml_stream;
use super::text::{closing_names, scan, Source, TextFrom, TextReader};
use super::xml::{shorten, walk_xml_stream};
use super::{ReadOptions, Statement};
use crate::io::csv_import::DecimalMark;
use chrono::NaiveDate;
use std::collections::HashSet;

/// The OFX 1.x versions (SGML) and 2.x versions (XML) there are.
const SGML_VERSIONS: &[&str] = &["102", "103", "151", "160"];
const XML_VERSIONS: &[&str] = &["200", "201", "202", "203", "210", "211", "220", "230"];

/// The first bytes read to tell the version and read the header: an OFX 1.x header is a few hundred.
const HEAD_BYTES: usize = 64 * 1024;

/// Reads a whole OFX file: every statement's rows, then those of the account to import.
pub(super) fn read(bytes: &[u8], opts: &ReadOptions) -> Result<Statement, crate::error::Refusal> {
    let file = OfxFile::open(Source::new(crate::io::csv_import::CsvSource::Bytes(bytes))?)?;
    let mut entries = Vec::new();
    let chosen = file.walk(opts, &mut |number, entry| {
        entries.push((number, entry));
        Ok(())
    })?;
    Ok(Statement {
        format: super::Format::Ofx,
        entries: entries
            .into_iter()
            .filter(|(number, _)| chosen.statements.contains(number))
            .map(|(_, entry)| entry)
            .collect(),
        about: chosen.about,
        balances: chosen.balances,
        card: chosen.card,
        pending: chosen.pending,
    })
}

/// How the file's text is laid out.
#[derive(Debug, Clone)]
enum Layout {
    /// OFX 1.x: the header lines, then SGML from byte `body` on, which is on line `first_line`.
    Sgml { body: u64, first_line: u64 },
    /// OFX 2.x: XML throughout.
    Xml,
}

/// An OFX file whose shape is known, read again as often as needed.
pub(super) struct OfxFile<'a> {
    source: Source<'a>,
    layout: Layout,
    /// The bytes to read (a DOS end-of-file mark at the very end left out).
    len: u64,
    windows_1252: bool,
    /// The end tags' names, in capitals (SGML).
    closed: HashSet<String>,
    /// What pfos worked out, in a few words ("OFX 1.02 (SGML), Windows-1252").
    about: String,
}

impl<'a> OfxFile<'a> {
    /// Reads the file through once: refuses binary data, a file that is not OFX, a header pfos does not
    /// know; works out the encoding as `decode_text` would.
    pub(super) fn open(source: Source<'a>) -> Result<OfxFile<'a>, String> {
        let head = source.head(HEAD_BYTES)?;
        if head.is_empty() {
            return Err("the file is empty".into());
        }
        let bom: usize = if head.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        let start = &head[bom..];
        let first = start
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(start.len());
        let upper_head: Vec<u8> = start[first..].iter().take(16).map(u8::to_ascii_uppercase).collect();
        let sgml = upper_head.starts_with(b"OFXHEADER");
        let xml = upper_head.starts_with(b"<?XML") || upper_head.starts_with(b"<?OFX");
        let bare = upper_head.starts_with(b"<OFX>");
        let from = if sgml {
            TextFrom::FirstTag
        } else {
            TextFrom::Offset(bom as u64)
        };
        let scanned = scan(&source, from, "OFX")?;
        let head = &head[..head.len().min(usize::try_from(scanned.len).unwrap_or(usize::MAX))];
        // As `decode_text`: UTF-8 when it is (and, preferring Windows-1252, all ASCII), else Windows-1252.
        let windows_1252 = |prefer_1252: bool| !((!prefer_1252 || scanned.ascii) && scanned.utf8);
        let encoding = |windows: bool| if windows { "Windows-1252" } else { "UTF-8" };
        let (layout, windows, about) = if sgml {
            let body = scanned.first_tag.unwrap_or(scanned.len);
            let Some(header) = head.get(..usize::try_from(body).unwrap_or(usize::MAX)) else {
                return Err(format!(
                    "the OFX header runs on for more than {} KiB before its first tag; is this an OFX file?",
                    HEAD_BYTES >> 10
                ));
            };
            let (version, prefer_1252) = sgml_header(header)?;
            let first_line = 1 + header.iter().filter(|b| **b == b'\n').count() as u64;
            let windows = windows_1252(prefer_1252);
            let about = format!("OFX {}.{} (SGML), {}", &version[..1], &version[1..], encoding(windows));
            (Layout::Sgml { body, first_line }, windows, about)
        } else if xml {
            let (version, declared_1252) = xml_header(&head[..head.len().min(2048)])?;
            let windows = windows_1252(declared_1252);
            let about = match &version {
                Some(v) => format!("OFX {}.{}.{} (XML), {}", &v[..1], &v[1..2], &v[2..], encoding(windows)),
                None => format!("OFX (XML, no <?OFX?> header), {}", encoding(windows)),
            };
            (Layout::Xml, windows, about)
        } else if bare {
            // No header at all: some banks send the body alone. Read as SGML (closed leaves are allowed there).
            let windows = windows_1252(true);
            let about = format!("OFX without a header (SGML), {}", encoding(windows));
            (Layout::Sgml { body: 0, first_line: 1 }, windows, about)
        } else {
            return Err("this is not an OFX file: it starts with neither an OFXHEADER line, <?xml nor <OFX>".into());
        };
        let closed = match layout {
            Layout::Sgml { .. } => closing_names(&scanned, windows),
            Layout::Xml => HashSet::new(),
        };
        Ok(OfxFile {
            source,
            layout,
            len: scanned.len,
            windows_1252: windows,
            closed,
            about,
        })
    }

    /// Reads the file through, handing each row on with the number of its statement; returns the
    /// statements of the account to import (see [`Ofx::finish`]).
    pub(super) fn walk<'e>(
        &self,
        opts: &ReadOptions,
        each: &'e mut EachEntry<'e>,
    ) -> Result<Chosen, crate::error::Refusal> {
        let mut ofx = Ofx::new(self.about.clone(), each);
        match self.layout {
            Layout::Sgml { body, first_line } => {
                let text = TextReader::new(&self.source, body, self.len, self.windows_1252)?;
                walk_sgml_stream(text, first_line, &self.closed, &mut ofx)?;
            }
            Layout::Xml => {
                let text = TextReader::new(&self.source, 0, self.len, self.windows_1252)?;
                walk_xml_stream(text, &mut ofx)?;
            }
        }
        ofx.finish(opts)
    }
}

/// OFX 1.x's header lines (up to the first tag): the version, and whether the text is Windows-1252 unless
/// it is plain ASCII (or valid UTF-8 read as such).
fn sgml_header(header: &[u8]) -> Result<(String, bool), String> {
    let header = String::from_utf8_lossy(header);
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in header.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.trim_start_matches('\u{feff}');
        let Some((key, value)) = line.split_once(':') else {
            return Err(format!("the OFX header line '{}' is not KEY:VALUE", shorten(line)));
        };
        fields.push((key.trim().to_ascii_uppercase(), value.trim().to_ascii_uppercase()));
    }
    let field = |key: &str| fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    match field("OFXHEADER") {
        Some("100") => {}
        Some(other) => {
            return Err(format!(
                "the OFX header says OFXHEADER:{other}; an OFX 1.x file says OFXHEADER:100 (and 2.x files are XML)"
            ))
        }
        None => return Err("the OFX header has no OFXHEADER line".into()),
    }
    match field("DATA") {
        Some("OFXSGML") => {}
        other => {
            return Err(format!(
                "the OFX header says DATA:{}; OFX 1.x is DATA:OFXSGML",
                other.unwrap_or("(nothing)")
            ))
        }
    }
    let version = field("VERSION").unwrap_or("");
    if !SGML_VERSIONS.contains(&version) {
        return Err(format!(
            "the OFX header says VERSION:{}; pfos reads OFX 1.x versions {} (SGML) and 2.x (XML)",
            if version.is_empty() { "(nothing)" } else { version },
            SGML_VERSIONS.join(", ")
        ));
    }
    let charset = field("CHARSET").unwrap_or("NONE");
    let encoding_field = field("ENCODING").unwrap_or("USASCII");
    let utf8 = encoding_field == "UTF-8" || encoding_field == "UTF8";
    Ok((version.to_string(), !utf8 || charset == "1252"))
}

/// OFX 2.x's `<?OFX OFXHEADER="200" VERSION="2xx" …?>` instruction, from the file's first bytes: the
/// version (`None` without the instruction), and whether the XML declaration names Windows-1252.
fn xml_header(head: &[u8]) -> Result<(Option<String>, bool), String> {
    let head = String::from_utf8_lossy(head).into_owned();
    let declared_1252 = head
        .split("?>")
        .next()
        .is_some_and(|decl| decl.to_ascii_lowercase().contains("1252") || decl.to_ascii_lowercase().contains("8859"));
    let version = match head.find("<?OFX") {
        Some(at) => {
            let pi = head[at..].split("?>").next().unwrap_or("");
            let attr = |key: &str| {
                let at = pi.find(&format!("{key}="))?;
                let rest = pi[at + key.len() + 1..].trim_start_matches(['"', '\'']);
                Some(rest.split(['"', '\'']).next().unwrap_or("").to_string())
            };
            if attr("OFXHEADER").as_deref() != Some("200") {
                return Err(format!(
                    "the OFX header says OFXHEADER=\"{}\"; an OFX 2.x file says OFXHEADER=\"200\"",
                    attr("OFXHEADER").unwrap_or_default()
                ));
            }
            let version = attr("VERSION").unwrap_or_default();
            if !XML_VERSIONS.contains(&version.as_str()) {
                return Err(format!(
                    "the OFX header says VERSION=\"{version}\"; pfos reads OFX 2.x versions {} (XML) and 1.x (SGML)",
                    XML_VERSIONS.join(", ")
                ));
            }
            Some(version)
        }
        None => None,
    };
    Ok((version, declared_1252))
}

/// A date as OFX writes one: `YYYYMMDD`, then perhaps `HHMMSS`, `.XXX` and a zone `[-5:EST]`. The date is
/// the civil date as printed: the zone moves nothing.
pub(super) fn ofx_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let (date, rest) = text.split_at_checked(8)?;
    if !date.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (time, zone) = match rest.find('[') {
        Some(at) => (&rest[..at], Some(&rest[at..])),
        None => (rest, None),
    };
    let time = time.trim_end();
    let (clock, fraction) = match time.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (time, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(clock) || ![0, 4, 6].contains(&clock.len()) {
        return None;
    }
    if fraction.is_some_and(|f| f.is_empty() || f.len() > 6 || !digits(f)) || (fraction.is_some() && clock.len() != 6) {
        return None;
    }
    if let Some(zone) = zone {
        let inner = zone.strip_prefix('[')?.strip_suffix(']')?;
        let offset = inner.split(':').next().unwrap_or("");
        let offset = offset.strip_prefix(['+', '-']).unwrap_or(offset);
        let (hours, minutes) = offset.split_once('.').unwrap_or((offset, "0"));
        if hours.is_empty() || hours.len() > 2 || !digits(hours) || !digits(minutes) {
            return None;
        }
    }
    if clock.len() >= 4 {
        let (h, m) = (&clock[..2], &clock[2..4]);
        let s = clock.get(4..6).unwrap_or("00");
        if h > "23" || m > "59" || s > "60" {
            return None;
        }
    }
    let n = |range: std::ops::Range<usize>| date[range].parse::<u32>().ok();
    let year = i32::try_from(n(0..4)?).ok()?;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, n(4..6)?, n(6..8)?)
}

/// The decimal mark of one OFX amount: OFX allows a comma for the point, and no thousands separators.
fn mark_of(cell: &str) -> DecimalMark {
    if cell.contains(',') && !cell.contains('.') {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    }
}
