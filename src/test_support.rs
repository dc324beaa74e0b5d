//! Helpers shared by the unit tests of several modules.

/// `count` short strings drawn from `alphabet` (length 0 to `max_len - 1`) by a xorshift
/// generator from `seed`: the same strings on every run, with no dependency for randomness.
pub(crate) fn random_texts(
    alphabet: &str,
    mut seed: u64,
    max_len: u64,
    count: usize,
) -> impl Iterator<Item = String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    (0..count).map(move |_| {
        let len = (seed % max_len) as usize;
        (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                alphabet[(seed % alphabet.len() as u64) as usize]
            })
            .collect()
    })
}

/// The text of every document of the bundled corpus and of every fixture folder: the real
/// texts a fast path is checked against its plain original on.
pub(crate) fn fixture_texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = crate::ingest::read_bundled()
        .documents
        .into_iter()
        .map(|d| d.text)
        .collect();
    let mut folders: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for path in folders {
        texts.extend(
            crate::ingest::read_folder(&path)
                .documents
                .into_iter()
                .map(|d| d.text),
        );
    }
    assert!(texts.len() > 50, "the fixture folders are missing");
    texts
}
