//! Fuzzing by proptest: the CSV reader and the amount, date and month parsers never panic, whatever bytes
//! they get. Cases per run: PROPTEST_CASES (default 256; `.ci/run` raises it for a bounded longer run).

use pfos::domain::{parse_date, Money, Month};
use pfos::io::bank_file::{self, Entry, Format, ReadOptions};
use pfos::io::csv_import::{parse, CsvOptions};
use proptest::prelude::*;

/// Bytes that look a little like a bank file: delimiters, quotes, digits, dates, separators and noise.
fn csvish() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just(b"Date,Description,Amount\n".to_vec()),
        Just(b"Datum;Text;Betrag\r\n".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b";".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"2025-11-01".to_vec()),
        Just(b"01/02/2025".to_vec()),
        Just(b"31.12.2025".to_vec()),
        Just(b"-1.234,56".to_vec()),
        Just(b"(45.10)".to_vec()),
        Just(b"$1,000.00".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"12.50 DR".to_vec()),
        Just(b"1 234,56 EUR".to_vec()),
        Just(b"1e3".to_vec()),
        Just(b"0x10".to_vec()),
        Just(b"CR".to_vec()),
        Just("−".as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(token, 0..60).prop_map(|parts| parts.concat())
}

fn options() -> impl Strategy<Value = CsvOptions> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::option::of(prop_oneof![Just(','), Just(';'), Just('\t')]),
    )
        .prop_map(|(is_card, negate, delimiter)| CsvOptions {
            is_card,
            negate,
            delimiter,
            ..CsvOptions::default()
        })
}

proptest! {
    #[test]
    fn the_csv_reader_never_panics_on_file_like_bytes(bytes in csvish(), opts in options()) {
        if let Ok(parsed) = parse(&bytes, &opts) {
            for row in &parsed.rows {
                prop_assert!(row.amount.scale() <= 2);
            }
        }
    }

    /// A record past the limits (64 KiB, 256 fields) anywhere in a file refuses the file, saying so.
    #[test]
    fn a_record_past_the_limits_refuses_the_file(
        bytes in csvish(),
        at in any::<prop::sample::Index>(),
        // 70,000 bytes, or 300 fields whichever the delimiter.
        huge in prop_oneof![Just(vec![b'x'; 70_000]), Just(b",;\t".repeat(300))],
        opts in options(),
    ) {
        let cut = at.index(bytes.len() + 1);
        let file = [&bytes[..cut], &b"\n"[..], &huge, &b"\n"[..], &bytes[cut..]].concat();
        // Inside quotes, delimiters are text: only the bytes count there.
        let quoted = huge[0] != b'x' && bytes.contains(&b'"');
        match parse(&file, &opts) {
            Ok(_) => prop_assert!(quoted, "read past the limits"),
            Err(e) => prop_assert!(e.reason.contains("a bank row") || e.reason.contains("binary") || quoted, "{}", e),
        }
    }

    #[test]
    fn the_csv_reader_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&bytes, &CsvOptions::default());
    }

    #[test]
    fn amount_date_and_month_parsers_never_panic(text in "\\\\PC{0,40}", raw in any::<String>()) {
        for t in [text.as_str(), raw.as_str()] {
            if let Ok(m) = Money::parse_non_negative(t) {
                prop_assert!(!m.is_negative());
            }
            let _ = Money::parse_positive(t);
            let _ = parse_date(t);
            let _ = Month::parse(t);
        }
    }
}

/// Pieces of OFX (SGML and XML), QIF and CAMT, with noise: shuffled into files that are nearly right.
fn bankfileish() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just(b"OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nCHARSET:1252\r\n\r\n".to_vec()),
        Just(b"<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"220\"?>\n".to_vec()),
        Just(b"<OFX>".to_vec()),
        Just(b"</OFX>".to_vec()),
        Just(b"<BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKACCTFROM><ACCTID>123</BANKACCTFROM><BANKTRANLIST>".to_vec()),
        Just(b"<CCSTMTRS><CCACCTFROM><ACCTID>9".to_vec()),
        Just(b"<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20251103120000[-5:EST]<TRNAMT>-12.50<FITID>A1<NAME>Shop</STMTTRN>".to_vec()),
        Just(b"<STMTTRN>".to_vec()),
        Just(b"</STMTTRN>".to_vec()),
        Just(b"<TRNAMT>1e3".to_vec()),
        Just(b"<DTPOSTED>2025".to_vec()),
        Just(b"<LEDGERBAL><BALAMT>-1,5<DTASOF>20251105</LEDGERBAL>".to_vec()),
        Just(b"</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>".to_vec()),
        Just(b"!Type:Bank\n".to_vec()),
        Just(b"!Account\nNChecking\n^\n".to_vec()),
        Just(b"D11/ 3'25\n".to_vec()),
        Just(b"D03.11.2025\n".to_vec()),
        Just(b"T-1,234.56\n".to_vec()),
        Just(b"U12,50\n".to_vec()),
        Just(b"SGroceries\n$-80.00\nS[Savings]\n$-10.00\n".to_vec()),
        Just(b"L[Savings]\n".to_vec()),
        Just(b"^\n".to_vec()),
        Just(b"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt>".to_vec()),
        Just(b"<Ntry><Amt Ccy=\"EUR\">12.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-11-03</Dt></BookgDt><AcctSvcrRef>R1</AcctSvcrRef></Ntry>".to_vec()),
        Just(b"<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt>1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2025-11-03</Dt></Dt></Bal>".to_vec()),
        Just(b"</Stmt></BkToCstmrStmt></Document>".to_vec()),
        Just(b"&amp;&#x41;&bogus;&#0;".to_vec()),
        Just(b"<![CDATA[x]]>".to_vec()),
        Just(b"\r\n".to_vec()),
        Just("é€".as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(token, 0..60).prop_map(|parts| parts.concat())
}

fn formats() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Ofx), Just(Format::Qif), Just(Format::Camt)]
}

proptest! {
    /// Whatever bytes an OFX, QIF or CAMT reader gets, it reads them or says why not: never a panic, and
    /// every row it gives has at most two decimals and a nonzero amount.
    #[test]
    fn the_bank_file_readers_never_panic_on_file_like_bytes(bytes in bankfileish(), format in formats()) {
        let _ = bank_file::sniff(&bytes);
        if let Ok(statement) = bank_file::read(format, &bytes, &ReadOptions::default()) {
            for entry in &statement.entries {
                if let Entry::Row(row) = entry {
                    prop_assert!(row.amount.scale() <= 2 && !row.amount.is_zero());
                }
            }
        }
    }

    #[test]
    fn the_bank_file_readers_never_panic_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048), format in formats()) {
        let _ = bank_file::sniff(&bytes);
        let _ = bank_file::read(format, &bytes, &ReadOptions { account: Some("1".into()), date_format: None });
    }
}
