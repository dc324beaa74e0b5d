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
