//! The reader thread's hand-over: order across chunks, fingerprints, and a failing importer.

use super::*;
use crate::io::csv_import::CsvOptions;

/// A file of `n` rows (more than a chunk), rows 10 and 11 the same, row 20 without an amount.
fn file_text(n: usize) -> String {
    let mut text = String::from("Date,Description,Amount\n");
    for i in 0..n {
        let line = match i {
            10 | 11 => "2025-11-11,Twice,-12.00".to_string(),
            20 => "2025-11-20,No amount,".to_string(),
            _ => format!("2025-11-{:02},Row {i},-{}.00", i % 28 + 1, i % 50 + 1),
        };
        text.push_str(&line);
        text.push('\n');
    }
    text
}

fn keyer_for(file: &CsvFile<'_>) -> Keyer {
    // What FileKeys would find: the key of rows 10 and 11.
    let mut repeated = HashSet::new();
    let mut rows = file.rows().unwrap_or_else(|e| panic!("{e}"));
    let mut key = String::new();
    while let Some(item) = rows.next().unwrap_or_else(|e| panic!("{e}")) {
        if let Item::Row(row) = item {
            if row.description == "Twice" {
                write_key(&mut key, 7, row.date, -1200, row.description);
                repeated.insert(short_hash(imports::fingerprint_hash(&key) as u64));
            }
        }
    }
    Keyer::new(7, repeated)
}

#[test]
fn rows_arrive_in_file_order_across_chunks_each_with_its_fingerprint() {
    let text = file_text(3 * CHUNK_ROWS + 5);
    let file = CsvFile::open(
        crate::io::csv_import::CsvSource::Bytes(text.as_bytes()),
        &CsvOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut lines = Vec::new();
    let mut hashes = HashMap::new();
    let mut skipped = 0;
    let outcome = read_rows(Rows::Csv(&file), keyer_for(&file), &[], |item| {
        match item {
            ReadItem::Row(row) => {
                lines.push(row.line);
                hashes.insert(row.line, row.hash);
            }
            ReadItem::Skipped => skipped += 1,
            ReadItem::Rejected(bad) => panic!("{bad:?}"),
        }
        Ok(())
    });
    assert!(matches!(outcome, Ok(Ok(()))), "{outcome:?}");
    assert_eq!(skipped, 1);
    let expected: Vec<u64> = (2..=(3 * CHUNK_ROWS as u64 + 6)).filter(|l| *l != 22).collect();
    assert_eq!(lines, expected, "every row once, in order");
    // Rows 10 and 11 (lines 12 and 13) have the same key but are different occurrences.
    let fingerprint = |seen: usize| {
        let mut key = String::new();
        write_key(
            &mut key,
            7,
            NaiveDate::from_ymd_opt(2025, 11, 11).unwrap_or_default(),
            -1200,
            "twice",
        );
        imports::fingerprint_hash(&format!("{key}|{seen}"))
    };
    assert_eq!(hashes.get(&12), Some(&fingerprint(0)));
    assert_eq!(hashes.get(&13), Some(&fingerprint(1)));
}

#[test]
fn a_failure_in_the_importer_stops_the_reading_and_is_returned() {
    let text = file_text(10 * CHUNK_ROWS);
    let file = CsvFile::open(
        crate::io::csv_import::CsvSource::Bytes(text.as_bytes()),
        &CsvOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut handed = 0;
    let outcome = read_rows(Rows::Csv(&file), keyer_for(&file), &[], |_| {
        handed += 1;
        if handed == 1500 {
            return Err(crate::error::Error::Refused("the disk is full".into()));
        }
        Ok(())
    });
    assert!(
        matches!(&outcome, Err(e) if e.to_string().contains("the disk is full")),
        "{outcome:?}"
    );
    assert_eq!(handed, 1500, "nothing is handed on after the failure");
}
