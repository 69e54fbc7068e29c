//! The screen captures in `assets/screens/` are the app's snapshots as plain text: a snapshot that
//! changes without `sh assets/screens/from-snapshots.sh` being run again fails here.

use std::path::Path;

/// What the script writes for one snapshot: the lines after its header, out of their quotes.
fn plain(snapshot: &str) -> String {
    let body = snapshot.lines().skip(1).skip_while(|l| *l != "---").skip(1);
    body.map(|line| {
        let quoted = line.strip_prefix('"');
        let inner = quoted.and_then(|l| match l.find("\" Hidden by multi-width symbols: ") {
            Some(at) => Some(&l[..at]),
            None => l.strip_suffix('"'),
        });
        format!("{}\n", inner.unwrap_or(line))
    })
    .collect()
}

#[test]
fn every_capture_is_its_snapshot_as_plain_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = std::fs::read_to_string(root.join("assets/screens/from-snapshots.sh"))
        .unwrap_or_else(|e| panic!("the script: {e}"));
    let captures: Vec<(&str, &str)> = script
        .lines()
        .filter_map(|l| l.strip_prefix("capture "))
        .filter_map(|l| l.split_once(' '))
        .collect();
    assert!(
        captures.len() >= 20,
        "the script names its captures: {}",
        captures.len()
    );
    for (snapshot, name) in captures {
        let snap = std::fs::read_to_string(root.join(format!("tests/snapshots/{snapshot}.snap")))
            .unwrap_or_else(|e| panic!("{snapshot}: {e}"));
        let capture = std::fs::read_to_string(root.join(format!("assets/screens/{name}.txt")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            capture,
            plain(&snap),
            "assets/screens/{name}.txt is not {snapshot}: run sh assets/screens/from-snapshots.sh"
        );
    }
}
