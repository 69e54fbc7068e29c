//! The readers on small files of each shape; the fixtures of real banks are tested through the binary.

use super::*;
use rust_decimal::dec;

fn rows(s: &Statement) -> Vec<&StatementRow> {
    s.entries
        .iter()
        .filter_map(|e| match e {
            Entry::Row(r) => Some(r),
            _ => None,
        })
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[test]
fn formats_are_told_from_the_content() {
    assert_eq!(sniff(b"OFXHEADER:100\r\nDATA:OFXSGML"), Format::Ofx);
    assert_eq!(
        sniff(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\"?>"),
        Format::Ofx
    );
    assert_eq!(
        sniff(b"<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"),
        Format::Camt
    );
    assert_eq!(sniff(b"!Type:Bank\nD11/3'25\n"), Format::Qif);
    assert_eq!(sniff(b"Date,Description,Amount\n"), Format::Csv);
}

#[test]
fn ofx_dates_are_civil_dates_as_printed() {
    assert_eq!(ofx::ofx_date("20251103"), Some(date(2025, 11, 3)));
    assert_eq!(ofx::ofx_date("20251103120000"), Some(date(2025, 11, 3)));
    assert_eq!(ofx::ofx_date("20251103235959.000[-5:EST]"), Some(date(2025, 11, 3)));
    assert_eq!(ofx::ofx_date("20251103000000[+9.30:ACST]"), Some(date(2025, 11, 3)));
    assert_eq!(ofx::ofx_date("20251103[0:GMT]"), Some(date(2025, 11, 3)));
    for bad in [
        "2025110",
        "20251332",
        "2025-11-03",
        "20251103x",
        "20251103250000",
        "20251103120000[EST",
        "",
    ] {
        assert_eq!(ofx::ofx_date(bad), None, "{bad}");
    }
}

#[test]
fn an_sgml_ofx_reads_its_rows_identities_and_balance() {
    let text = "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n<OFX>\r\n<BANKMSGSRSV1>\r\n<STMTTRNRS>\r\n<STMTRS>\r\n<CURDEF>USD\r\n<BANKACCTFROM>\r\n<BANKID>121000248\r\n<ACCTID>1234567890\r\n<ACCTTYPE>CHECKING\r\n</BANKACCTFROM>\r\n<BANKTRANLIST>\r\n<DTSTART>20251101\r\n<DTEND>20251105\r\n<STMTTRN>\r\n<TRNTYPE>DEBIT\r\n<DTPOSTED>20251103120000[-5:EST]\r\n<TRNAMT>-12.50\r\n<FITID>A1\r\n<NAME>Caf\u{e9} &amp; Co\r\n<MEMO>\r\n</STMTTRN>\r\n<STMTTRN>\r\n<TRNTYPE>INT\r\n<DTPOSTED>20251104\r\n<TRNAMT>0.42\r\n<FITID>A2\r\n<NAME>INTEREST\r\n</STMTTRN>\r\n</BANKTRANLIST>\r\n<LEDGERBAL>\r\n<BALAMT>1234.56\r\n<DTASOF>20251105\r\n</LEDGERBAL>\r\n</STMTRS>\r\n</STMTTRNRS>\r\n</BANKMSGSRSV1>\r\n</OFX>\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let s = read(Format::Ofx, &bytes, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let r = rows(&s);
    assert_eq!(r.len(), 2);
    assert_eq!(
        (r[0].line, r[0].date, r[0].amount),
        (24, date(2025, 11, 3), dec!(-12.50))
    );
    assert_eq!(r[0].description, "Café & Co");
    assert_eq!(r[0].identity.as_deref(), Some("A1"));
    assert_eq!(r[1].hint, Some(Hint::Interest));
    assert_eq!(
        s.balances,
        [StatedBalance {
            line: 40,
            date: date(2025, 11, 5),
            amount: dec!(1234.56)
        }]
    );
    assert_eq!(s.card, Some(false));
    assert!(s.about.contains("OFX 1.02 (SGML), Windows-1252"), "{}", s.about);
}

#[test]
fn malformed_files_are_refused_with_the_reason() {
    let o = ReadOptions::default();
    let sgml = |version: &str| format!("OFXHEADER:100\nDATA:OFXSGML\nVERSION:{version}\n\n<OFX>\n</OFX>\n");
    assert!(read(Format::Ofx, sgml("211").as_bytes(), &o).is_err_and(|e| e.reason.contains("VERSION:211")));
    assert!(read(Format::Ofx, b"\x00\x01\x02binary", &o).is_err_and(|e| e.reason.contains("binary")));
    let cut =
        "<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"220\"?>\n<OFX>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n";
    assert!(
        read(Format::Ofx, cut.as_bytes(), &o).is_err_and(|e| e.reason.contains("cut short")),
        "{:?}",
        read(Format::Ofx, cut.as_bytes(), &o).err()
    );
    assert!(read(Format::Qif, b"D11/03/2025\nT-1.00\n^\n", &o).is_err_and(|e| e.reason.contains("type line")));
    let camt052 = "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.02\"><BkToCstmrAcctRpt/></Document>";
    assert!(read(Format::Camt, camt052.as_bytes(), &o).is_err_and(|e| e.reason.contains("camt.052")));
}

#[test]
fn qif_splits_and_transfers() {
    let text = "!Account\nNChecking\nTBank\n^\n!Type:Bank\nD11/ 3'25\nT-120.00\nPCostco\nSGroceries\n$-80.00\nSHousehold\n$-30.00\nS[Savings]\n$-10.00\n^\nD11/ 4'25\nT-50.00\nPTo savings\nL[Savings]\n^\nD11/ 1'25\nT100.00\nPOpening Balance\nL[Checking]\n^\n";
    let s = read(Format::Qif, text.as_bytes(), &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let r = rows(&s);
    assert_eq!(r.len(), 3, "{r:?}");
    assert_eq!(r[0].amount, dec!(-110.00));
    assert_eq!(
        r[0].splits,
        [
            SplitPart {
                category: "Groceries".into(),
                amount: dec!(-80.00)
            },
            SplitPart {
                category: "Household".into(),
                amount: dec!(-30.00)
            }
        ]
    );
    assert_eq!(
        (r[1].part, r[1].amount, r[1].transfer.as_deref()),
        (1, dec!(-10.00), Some("Savings"))
    );
    assert_eq!(
        (r[2].date, r[2].transfer.as_deref()),
        (date(2025, 11, 4), Some("Savings"))
    );
    assert_eq!(
        s.entries.iter().filter(|e| matches!(e, Entry::Skipped)).count(),
        1,
        "the opening balance"
    );
}

/// Two accounts in one SGML file; FITID 7 given to rows of two amounts (it identifies nothing), 8 to the
/// same row twice (one transaction downloaded twice).
const TWO_ACCOUNTS: &str = "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nCHARSET:1252\r\n\r\n<OFX>\r\n\
<BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKACCTFROM><ACCTID>111</BANKACCTFROM><BANKTRANLIST>\r\n\
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20251103<TRNAMT>-1.00<FITID>7<NAME>Caf\u{e9}</STMTTRN>\r\n\
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20251104<TRNAMT>-2.00<FITID>7<NAME>Two<MEMO></STMTTRN>\r\n\
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20251105<TRNAMT>-3.00<FITID>8<NAME>Three</STMTTRN>\r\n\
<STMTTRN><TRNTYPE>HOLD<DTPOSTED>20251106<TRNAMT>-4.00<FITID>9<NAME>Held</STMTTRN>\r\n\
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>2025110<TRNAMT>-5.00<FITID>10<NAME>Bad date</STMTTRN>\r\n\
</BANKTRANLIST><LEDGERBAL><BALAMT>100.00<DTASOF>20251105</LEDGERBAL></STMTRS></STMTTRNRS>\r\n\
<STMTTRNRS><STMTRS><BANKACCTFROM><ACCTID>222</BANKACCTFROM><BANKTRANLIST>\r\n\
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20251103<TRNAMT>-9.00<FITID>7<NAME>Other</STMTTRN>\r\n\
</BANKTRANLIST></STMTRS></STMTTRNRS>\r\n\
<STMTTRNRS><STMTRS><BANKACCTFROM><ACCTID>111</BANKACCTFROM><BANKTRANLIST>\r\n\
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20251105<TRNAMT>-3.00<FITID>8<NAME>Three</STMTTRN>\r\n\
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\r\n";

#[test]
fn an_ofx_read_as_a_stream_hands_on_what_reading_it_whole_gives() {
    let fixtures = format!("{}/tests/fixtures/ofx", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&fixtures)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap_or_default()))
        .collect();
    assert!(files.len() >= 8, "{fixtures}");
    let mut latin = TWO_ACCOUNTS.replace('\u{e9}', "\u{fffd}").into_bytes();
    if let Some(at) = latin.windows(3).position(|w| w == "\u{fffd}".as_bytes()) {
        latin.splice(at..at + 3, [0xe9]);
    }
    files.push(("two accounts, Windows-1252".into(), latin));
    files.push(("two accounts, UTF-8".into(), TWO_ACCOUNTS.as_bytes().to_vec()));
    for (name, bytes) in &files {
        for account in [None, Some("111"), Some("222")] {
            let opts = ReadOptions {
                account: account.map(str::to_string),
                date_format: None,
            };
            let whole = read(Format::Ofx, bytes, &opts);
            let streamed = open_stream(crate::io::csv_import::CsvSource::Bytes(bytes), &opts).and_then(|s| {
                let mut entries = Vec::new();
                s.each(&mut |e| {
                    entries.push(e);
                    Ok(())
                })?;
                assert_eq!(s.entries, entries.len(), "{name}");
                Ok((s.about, s.balances, s.card, s.pending, entries))
            });
            match (whole, streamed) {
                (Ok(w), Ok(s)) => assert_eq!((w.about, w.balances, w.card, w.pending, w.entries), s, "{name}"),
                (Err(w), Err(s)) => assert_eq!(w, s, "{name}"),
                (w, s) => panic!("{name} {account:?}: {w:?} / {s:?}"),
            }
        }
    }
    let opts = ReadOptions {
        account: Some("111".into()),
        date_format: None,
    };
    let s = read(Format::Ofx, TWO_ACCOUNTS.as_bytes(), &opts).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<Option<&str>> = rows(&s).iter().map(|r| r.identity.as_deref()).collect();
    assert_eq!(
        ids,
        [None, None, Some("8"), Some("8")],
        "7 identifies nothing, 8 one row twice"
    );
    assert_eq!((s.pending, s.entries.len()), (1, 5));
}

#[test]
fn an_ofx_that_changes_between_passes_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("bank.ofx");
    std::fs::write(&path, TWO_ACCOUNTS).unwrap_or_else(|e| panic!("{e}"));
    let opts = ReadOptions {
        account: Some("222".into()),
        date_format: None,
    };
    let stream = open_stream(crate::io::csv_import::CsvSource::File(&path), &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stream.entries, 1);
    std::fs::write(&path, format!("{TWO_ACCOUNTS}\r\n")).unwrap_or_else(|e| panic!("{e}"));
    let again = stream.each(&mut |_| Ok(()));
    assert!(
        again
            .as_ref()
            .is_err_and(|e| e.contains("changed while it was being read")),
        "{again:?}"
    );
}
